using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Patients;

/// <summary>Everything the patient overview page shows: identifiers, care team with its lead, episodes with their history, conditions, recent encounters.</summary>
public static class GetPatientOverview
{
    public sealed record TeamMember(Guid Id, string Name, string Role, CareTeamMemberKind Kind, Profession? Profession, string? Organization, string? Phone, string? Email, bool IsLead, DateOnly JoinedOn, DateOnly? LeftOn, TeamRole? TeamRole = null);

    public sealed record Episode(Guid Id, EnrollmentStatus Status, IdentificationSource Source, DateTime IdentifiedAt, ClosingReason? ClosingReason, IReadOnlyList<EnrollmentStatusChange> History);

    public sealed record EncounterRow(EncounterKind Kind, DateTime Start, DateTime? End, string? Facility, string? Reason);

    public sealed record Overview(Patient Patient, string HealthLink, IReadOnlyList<TeamMember> CareTeam, IReadOnlyList<Episode> Episodes, IReadOnlyList<Condition> Conditions, IReadOnlyList<EncounterRow> RecentEncounters);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        public const int RecentEncounterCount = 20;

        /// <summary>
        /// The overview for this viewer, audited as <paramref name="what"/>: a Health Link's staff (registration only) get no
        /// conditions or visits; consent directives take out what they withhold.
        /// </summary>
        public Task<Privacy.Opened<Overview>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId id, string what = "Overview", Domain.Privacy.AccessScope needs = Domain.Privacy.AccessScope.Registration, CancellationToken ct = default) =>
            access.Read(viewer, id, what, async gate => await Read(id, ct) is { } overview ? For(overview, gate) : null, Domain.Privacy.AuditAction.View, needs, ct);

        private static Overview For(Overview overview, Privacy.PatientAccess.Result gate) => gate.SeesRecord
            ? overview with
            {
                Conditions = Privacy.Withholding.Apply(overview.Conditions, gate.Withheld),
                RecentEncounters = gate.Withholds(Domain.Privacy.WithheldParts.MentalHealthAndAddictions) ? [.. overview.RecentEncounters.Select(e => e with { Reason = null })] : overview.RecentEncounters,
            }
            : overview with { Conditions = [], RecentEncounters = [] };

        /// <summary>The whole overview, for a use case that has already been through the door.</summary>
        internal async Task<Overview?> Read(PatientId id, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().AsSplitQuery()
                .Include(p => p.RelatedPeople).Include(p => p.CareTeam).Include(p => p.Enrollments).ThenInclude(e => e.History)
                .SingleOrDefaultAsync(p => p.Id == id, ct);
            if (patient is null)
            {
                return null;
            }

            var healthLink = await db.HealthLinks.Where(h => h.Id == patient.HealthLinkId).Select(h => h.Name).SingleAsync(ct);
            var providerIds = patient.CareTeam.Where(m => m.ProviderId is not null).Select(m => m.ProviderId!.Value).ToList();
            var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
                .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { Provider = p, Organization = o.Name })
                .ToDictionaryAsync(x => x.Provider.Id, ct);
            var today = Ontario.Today(clock);
            var team = patient.CareTeam
                .Select(m => ToTeamMember(m, patient, providers.TryGetValue(m.ProviderId ?? default, out var p) ? (p.Provider, p.Organization) : null))
                .OrderByDescending(m => m.IsLead && (m.LeftOn is null || m.LeftOn > today)).ThenBy(m => m.LeftOn is not null).ThenBy(m => m.Name)
                .ToList();
            var episodes = patient.Enrollments.OrderByDescending(e => e.IdentifiedAt)
                .Select(e => new Episode(e.Id, e.Status, e.Source, e.IdentifiedAt, e.ClosingReason, e.History.OrderBy(h => h.At).ToList()))
                .ToList();
            var conditions = await db.Conditions.AsNoTracking().Where(c => c.PatientId == id)
                .OrderBy(c => c.Status).ThenBy(c => c.Display).ToListAsync(ct);
            var encounters = await db.Encounters.AsNoTracking().Where(e => e.PatientId == id)
                .OrderByDescending(e => e.Start).Take(RecentEncounterCount)
                .Select(e => new EncounterRow(e.Kind, e.Start, e.End, db.Organizations.Where(o => o.Id == e.FacilityId).Select(o => o.Name).FirstOrDefault(), e.Reason))
                .ToListAsync(ct);
            return new Overview(patient, healthLink, team, episodes, conditions, encounters);
        }

        private static TeamMember ToTeamMember(CareTeamMember m, Patient patient, (Provider Provider, string Organization)? provider)
        {
            var related = patient.RelatedPeople.FirstOrDefault(r => r.Id == m.RelatedPersonId);
            var name = m.Kind switch
            {
                CareTeamMemberKind.Provider => provider?.Provider.DisplayName ?? "",
                CareTeamMemberKind.RelatedPerson => related?.DisplayName ?? "",
                _ => patient.DisplayName,
            };
            var phone = provider?.Provider.Phone ?? related?.Phone ?? (m.Kind == CareTeamMemberKind.Patient ? patient.Phone : null);
            var email = provider?.Provider.Email ?? related?.Email ?? (m.Kind == CareTeamMemberKind.Patient ? patient.Email : null);
            return new TeamMember(m.Id, name, m.Role, m.Kind, provider?.Provider.Profession, provider?.Organization, phone, email, m.IsLead, m.JoinedOn, m.LeftOn, m.TeamRole);
        }
    }
}
