using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace HealthLinks.Web;

/// <summary>
/// An open interactive page asks every minute whether its sign-in still holds (signed out elsewhere, disabled, locked,
/// a role taken away); when it does not, the page loses its user and every handler refuses it. Changes to a patient's
/// record ask the access gate, which checks the session again before each one.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logs, Sessions sessions, IConfiguration configuration) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(configuration.GetValue("Auth:RevalidationSeconds", 60));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsValid(authenticationState.User, cancellationToken);
}
