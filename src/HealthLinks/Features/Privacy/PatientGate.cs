using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HealthLinks.Features.Privacy;

/// <summary>
/// The access gate as pages use it: the viewer is whoever is signed in to this page, while their sign-in holds. A page
/// left open after it ended (signed out in another tab, disabled, locked) goes to the sign-in page instead.
/// </summary>
public sealed class PatientGate(PatientAccess access, AuthenticationStateProvider authentication, Sessions sessions, NavigationManager navigation)
{
    public async Task<Viewer> Viewer()
    {
        var viewer = Infrastructure.Privacy.Viewer.From((await authentication.GetAuthenticationStateAsync()).User);
        if (viewer.SessionId is { } session && !await sessions.IsValid(session, viewer.UserId, viewer.Roles))
        {
            SignInLinks.GoToSignIn(navigation);
            return Infrastructure.Privacy.Viewer.Anonymous;
        }

        return viewer;
    }

    public async Task<PatientAccess.Result> Open(Guid patient, string what, AuditAction action = AuditAction.View, AccessScope needs = AccessScope.Record) =>
        await access.Open(await Viewer(), new PatientId(patient), what, action, needs);

    /// <summary>Asks again before a change, so access that ended while the page was open is not used, and audits the change.</summary>
    public async Task<PatientAccess.Result> Change(Guid patient, string what, AccessScope needs = AccessScope.Record) =>
        await access.Open(await Viewer(), new PatientId(patient), what, AuditAction.Change, needs);
}
