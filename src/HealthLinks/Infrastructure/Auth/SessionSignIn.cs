using System.Security.Claims;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>
/// Identity's sign-in, with a server-side session for each sign-in, no sign-in at all for a disabled account, and a
/// sign-in that may only set up two-factor sign-in for staff whose Health Link requires it and who have not yet.
/// </summary>
public sealed class SessionSignIn(
    UserManager<UserAccount> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<UserAccount> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<UserAccount>> log,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<UserAccount> confirmation,
    Sessions sessions,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.HealthLinksDb> dbs)
    : SignInManager<UserAccount>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(UserAccount user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var session = await sessions.Start(user.Id);
        List<Claim> claims = [.. additionalClaims, new Claim(Privacy.Viewer.SessionClaim, session.ToString())];
        await using (var db = await dbs.CreateDbContextAsync())
        {
            if (!user.TwoFactorEnabled && await Features.Accounts.TwoFactorRule.Required(db, user))
            {
                claims.Add(new Claim(Features.Accounts.TwoFactorRule.EnrollClaim, "true"));
            }
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    public override async Task<bool> CanSignInAsync(UserAccount user) => user.DisabledAt is null && await base.CanSignInAsync(user);
}
