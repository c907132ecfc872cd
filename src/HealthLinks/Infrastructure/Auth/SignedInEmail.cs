using System.Security.Claims;

using Microsoft.AspNetCore.Components.Authorization;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>The signed-in account's email address, which caregiver access is given to.</summary>
public static class SignedInEmail
{
    public static string? Of(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email);

    public static async Task<string?> Of(Task<AuthenticationState> authentication) => Of((await authentication).User);
}
