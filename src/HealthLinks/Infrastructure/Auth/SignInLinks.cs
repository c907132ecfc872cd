using Microsoft.AspNetCore.Components;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>Going to the sign-in page and coming back: one rule for every page that sends someone there.</summary>
public static class SignInLinks
{
    /// <summary>Only paths on this site: a return address must never send someone elsewhere.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains(':', StringComparison.Ordinal);

    /// <summary>Sends the browser to sign in (a full load, so the cookie is asked again), returning to this page after.</summary>
    public static void GoToSignIn(NavigationManager navigation) =>
        navigation.NavigateTo($"login?returnUrl={Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri))}", forceLoad: true);
}
