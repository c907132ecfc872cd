using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace HealthLinks.Web;

/// <summary>
/// An open interactive page asks every minute (Auth:RevalidationSeconds) whether its sign-in still holds (signed out
/// elsewhere, disabled, locked, a role taken away); when it does not, the page loses its user and goes to the sign-in
/// page. Changes to a patient's record ask the access gate, which checks the session again before each one.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logs, Sessions sessions, IConfiguration configuration, NavigationManager navigation) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(configuration.GetValue("Auth:RevalidationSeconds", 60));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (await sessions.IsValid(authenticationState.User, cancellationToken))
        {
            return true;
        }

        // The page's own components do not re-check [Authorize] when the user changes: send the browser to sign in.
        SignInLinks.GoToSignIn(navigation);
        return false;
    }
}
