using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Privacy;

/// <summary>
/// The one gate to a patient's information: every page, download, export and command asks it first. It gathers the facts,
/// applies <see cref="AccessRule"/>, and writes the audit event, allowed or refused, before anything is shown.
/// </summary>
public sealed class PatientAccess(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, Sessions sessions, TimeProvider clock)
{
    /// <summary>The result of asking: whether to show, what is withheld, and whether the user could break the glass instead.</summary>
    public sealed record Result(bool Allowed, bool PatientExists, AccessDecision Decision, bool MayBreakGlass)
    {
        public WithheldParts Withheld => Decision.Withheld;

        public bool WholeRecordWithheld => Decision.Withheld.HasFlag(WithheldParts.WholeRecord);

        public bool Withholds(WithheldParts part) => Decision.Withholds(part);

        public bool SeesRecord => Allowed && Decision.Allows(AccessScope.Record);
    }

    public async Task<Result> Open(Viewer viewer, PatientId patient, string what, AuditAction action = AuditAction.View, AccessScope needs = AccessScope.Record, CancellationToken ct = default)
    {
        // A page left open after its sign-in ended (signed out in another tab, disabled, locked) is asked here, before
        // each read and change, not only at its next minute's revalidation.
        if (viewer.SessionId is { } session && !await sessions.IsValid(session, viewer.UserId, viewer.Roles, ct))
        {
            await audit.Append(viewer, patient, what, action, AuditOutcome.Refused, AccessBasis.None, ct);
            return new(false, false, AccessDecision.Nothing, false);
        }

        var facts = await Facts(viewer, patient, ct);
        var decision = AccessRule.Decide(facts);
        var allowed = decision.Allows(needs);
        await audit.Append(viewer, patient, what, action, allowed ? AuditOutcome.Allowed : AuditOutcome.Refused, decision.Basis, ct);
        return new(allowed, facts.PatientExists, decision, facts.PatientExists && !allowed && MayBreakGlass(viewer));
    }

    /// <summary>
    /// The one door for a use case that reads a patient's information: decides, audits, and reads only when allowed. The
    /// reader strips what the result withholds before returning.
    /// </summary>
    public async Task<Opened<T>> Read<T>(Viewer viewer, PatientId patient, string what, Func<Result, Task<T?>> read, AuditAction action = AuditAction.View, AccessScope needs = AccessScope.Record, CancellationToken ct = default)
        where T : class
    {
        var gate = await Open(viewer, patient, what, action, needs, ct);
        return new(gate, gate.Allowed ? await read(gate) : null);
    }

    /// <summary>A list named these patients to this user: audited as one view each, written together.</summary>
    public Task Listed(Viewer viewer, IEnumerable<PatientId> patients, string what, CancellationToken ct = default) => audit.Listed(viewer, patients, what, ct);

    /// <summary>Records a change already made under an access the user was given.</summary>
    public Task Changed(Viewer viewer, PatientId patient, string what, Result access, AuditAction action = AuditAction.Change, CancellationToken ct = default) =>
        audit.Append(viewer, patient, what, action, AuditOutcome.Allowed, access.Decision.Basis, ct);

    /// <summary>
    /// The patients a list may name to this user: their care teams' patients, and for a Health Link's staff its patients,
    /// less those who withheld their whole record from everyone outside the team. Lists never rely on break-glass access.
    /// </summary>
    public static IQueryable<Patient> Visible(HealthLinksDb db, Viewer viewer, DateOnly today)
    {
        var provider = viewer.ProviderId;
        var healthLink = viewer.IsHealthLinkStaff ? viewer.HealthLinkId : null;
        var clinician = provider is not null && (viewer.IsIn(Roles.CareCoordinator) || viewer.IsIn(Roles.Provider));
        var withheld = DirectiveAudiences.WholeRecordWithheldFrom(db, provider);
        return db.Patients.Where(p =>
            (clinician && db.CareTeamMembers.Any(m => m.PatientId == p.Id && m.ProviderId == provider && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)) && !withheld.Contains(p.Id))
            || (healthLink != null && p.HealthLinkId == healthLink
                && !db.ConsentDirectives.Any(d => d.PatientId == p.Id && d.EndedAt == null && d.Withholds == WithheldParts.WholeRecord && d.Audience == DirectiveAudience.EveryoneOutsideTeam)));
    }

    /// <summary>Clinicians may break the glass; administrators, analysts, the privacy officer, patients and caregivers may not.</summary>
    public static bool MayBreakGlass(Viewer viewer) => viewer.IsIn(Roles.CareCoordinator) || viewer.IsIn(Roles.Provider);

    private async Task<AccessFacts> Facts(Viewer viewer, PatientId patient, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Ontario.Today(clock);
        var provider = viewer.ProviderId;
        var email = viewer.IsIn(Roles.Caregiver) ? CaregiverAccess.Normalize(viewer.UserName) : null;
        var userId = viewer.UserId;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await db.Patients.AsNoTracking().Where(p => p.Id == patient).Select(p => new
        {
            p.HealthLinkId,
            OnTeam = provider != null && db.CareTeamMembers.Any(m => m.PatientId == patient && m.ProviderId == provider && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)),
            Caregiver = email != null && db.CaregiverAccesses.Any(a => a.PatientId == patient && a.Email == email && a.RevokedAt == null && a.ExpiresOn > today),
            Glass = userId != "" && db.BreakGlassAccesses.Any(g => g.PatientId == patient && g.UserId == userId && g.StartedAt <= now && g.ExpiresAt > now),
            Organization = provider == null ? null : db.Providers.Where(x => x.Id == provider).Select(x => (Guid?)x.OrganizationId).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct);
        if (found is null || viewer.UserId == "")
        {
            return new(found is not null, false, false, false, false, false, null, null, []);
        }

        var directives = await db.ConsentDirectives.AsNoTracking().Where(d => d.PatientId == patient && d.EndedAt == null).ToListAsync(ct);
        return new(
            true,
            viewer.IsIn(Roles.Patient) && viewer.PatientId == patient,
            viewer.IsIn(Roles.CareCoordinator) || viewer.IsIn(Roles.Provider) ? found.OnTeam : false,
            viewer.IsIn(Roles.Caregiver) && found.Caregiver,
            viewer.IsHealthLinkStaff && viewer.HealthLinkId == found.HealthLinkId,
            PatientAccess.MayBreakGlass(viewer) && found.Glass,
            provider,
            found.Organization,
            directives);
    }
}

/// <summary>What a use case gives back through the door: the access decision (to explain a refusal), and the value when allowed.</summary>
public sealed record Opened<T>(PatientAccess.Result Access, T? Value)
    where T : class;
