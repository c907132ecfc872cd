using System.Globalization;
using System.Security.Claims;

using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HealthLinks.Infrastructure.Privacy;

/// <summary>Puts the account's provider, patient and Health Link in the sign-in cookie, so the access rule needs no lookup of the user.</summary>
public sealed class ViewerClaims(UserManager<UserAccount> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        Add(identity, Viewer.ProviderClaim, user.ProviderId?.Value);
        Add(identity, Viewer.PatientClaim, user.PatientId?.Value);
        Add(identity, Viewer.HealthLinkClaim, user.HealthLinkId);
        return identity;
    }

    private static void Add(ClaimsIdentity identity, string type, Guid? value)
    {
        if (value is { } id)
        {
            identity.AddClaim(new Claim(type, id.ToString("D", CultureInfo.InvariantCulture)));
        }
    }
}
