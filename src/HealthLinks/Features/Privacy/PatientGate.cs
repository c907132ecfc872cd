using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Components.Authorization;

namespace HealthLinks.Features.Privacy;

/// <summary>The access gate as pages use it: the viewer is whoever is signed in to this page.</summary>
public sealed class PatientGate(PatientAccess access, AuthenticationStateProvider authentication)
{
    public async Task<Viewer> Viewer() => Infrastructure.Privacy.Viewer.From((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<PatientAccess.Result> Open(Guid patient, string what, AuditAction action = AuditAction.View, AccessScope needs = AccessScope.Record) =>
        await access.Open(await Viewer(), new PatientId(patient), what, action, needs);

    /// <summary>Asks again before a change, so access that ended while the page was open is not used, and audits the change.</summary>
    public async Task<PatientAccess.Result> Change(Guid patient, string what, AccessScope needs = AccessScope.Record) =>
        await access.Open(await Viewer(), new PatientId(patient), what, AuditAction.Change, needs);
}
