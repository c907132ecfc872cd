using System.Security.Claims;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>Identity's sign-in, with a server-side session for each sign-in and no sign-in at all for a disabled account.</summary>
public sealed class SessionSignIn(
    UserManager<UserAccount> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<UserAccount> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<UserAccount>> log,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<UserAccount> confirmation,
    Sessions sessions)
    : SignInManager<UserAccount>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(UserAccount user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var session = await sessions.Start(user.Id);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(Privacy.Viewer.SessionClaim, session.ToString())]);
    }

    public override async Task<bool> CanSignInAsync(UserAccount user) => user.DisabledAt is null && await base.CanSignInAsync(user);
}
