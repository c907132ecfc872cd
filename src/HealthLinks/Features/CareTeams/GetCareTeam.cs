using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CareTeams;

/// <summary>The care team, past members included, with the providers the record suggests; for the team and the Health Link's staff.</summary>
public static class GetCareTeam
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        public Task<Opened<CareTeam.View>> Handle(Viewer viewer, PatientId patient, CancellationToken ct = default) =>
            access.Read(viewer, patient, "Care team", gate => Read(patient, viewer.IsIn(Roles.CareCoordinator), ct), AuditAction.View, AccessScope.Registration, ct);

        private async Task<CareTeam.View?> Read(PatientId patientId, bool coordinator, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().AsSplitQuery().Include(p => p.CareTeam).Include(p => p.RelatedPeople).SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is null)
            {
                return null;
            }

            var providerIds = patient.CareTeam.Where(m => m.ProviderId is not null).Select(m => m.ProviderId!.Value).ToList();
            var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
                .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, Organization = o.Name }).ToDictionaryAsync(x => x.p.Id, ct);
            var people = patient.RelatedPeople.ToDictionary(r => r.Id);
            var members = patient.CareTeam.OrderByDescending(m => m.IsLead).ThenBy(m => m.LeftOn is not null).ThenBy(m => m.JoinedOn).Select(m => m.Kind switch
            {
                CareTeamMemberKind.Provider when providers.TryGetValue(m.ProviderId!.Value, out var x) =>
                    Member(m, x.p.DisplayName, x.Organization, x.p.Phone, x.p.Email),
                CareTeamMemberKind.RelatedPerson when people.TryGetValue(m.RelatedPersonId!.Value, out var r) =>
                    Member(m, r.DisplayName, r.Relationship, r.Phone, r.Email),
                _ => Member(m, patient.DisplayName, null, patient.Phone, patient.Email),
            }).ToList();

            var today = Ontario.Today(clock);
            var since = clock.GetUtcNow().UtcDateTime.AddYears(-2);
            var onTeam = patient.CareTeam.Where(m => m.ProviderId is not null && m.IsActiveOn(today)).Select(m => m.ProviderId!.Value).ToList();
            var seen = await db.Encounters.AsNoTracking().Where(e => e.PatientId == patientId && e.Start >= since && e.ProviderId != null && !onTeam.Contains(e.ProviderId!.Value))
                .GroupBy(e => e.ProviderId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(10).ToListAsync(ct);
            var (prescribers, pharmacists) = await NamedOnTheMedicationList(db, patient, onTeam, ct);
            var ids = seen.Select(s => s.Id).Concat(prescribers).Concat(pharmacists).Distinct().ToList();
            var suggested = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p.Id, p.GivenName, p.FamilyName, p.Profession, Organization = o.Name }).ToDictionaryAsync(p => p.Id, ct);
            var suggestions = ids.Where(suggested.ContainsKey).Select(id => suggested[id]).Select(p => new CareTeam.Suggestion(p.Id, $"{p.GivenName} {p.FamilyName}", p.Profession, p.Organization,
                seen.FirstOrDefault(s => s.Id == p.Id)?.Count ?? 0, prescribers.Contains(p.Id), pharmacists.Contains(p.Id))).ToList();
            var related = patient.RelatedPeople.Select(r => new CareTeam.RelatedPersonChoice(r.Id, r.DisplayName, r.Relationship)).ToList();
            return new CareTeam.View(patient.DisplayName, patient.DateOfBirth, members, suggestions, related, coordinator);
        }

        /// <summary>
        /// The directory's providers in the patient's region that the plan's medication list names: prescribers by their
        /// name ("Dr. Farah Family"), and the pharmacists of the pharmacies it names.
        /// </summary>
        private static async Task<(HashSet<ProviderId> Prescribers, HashSet<ProviderId> Pharmacists)> NamedOnTheMedicationList(HealthLinksDb db, Patient patient, List<ProviderId> onTeam, CancellationToken ct)
        {
            var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(c => c.PatientId == patient.Id, ct);
            var medications = plan?.Document.Medications ?? [];
            var prescribers = medications.Select(m => Words(m.Prescriber)).Where(w => w.Count > 0).ToList();
            var pharmacies = medications.Select(m => m.Pharmacy?.Trim()).OfType<string>().Where(p => p.Length > 0).ToList();
            if (prescribers.Count == 0 && pharmacies.Count == 0)
            {
                return ([], []);
            }

            var region = await db.HealthLinks.Where(h => h.Id == patient.HealthLinkId).Select(h => h.RegionId).SingleAsync(ct);
            // Names are compared without regard to case, the same way on SQLite and PostgreSQL: here, over the region's directory.
            var candidates = await db.Providers.AsNoTracking().Where(p => !onTeam.Contains(p.Id))
                .Join(db.Organizations.Where(o => o.RegionId == region), p => p.OrganizationId, o => o.Id, (p, o) => new { p.Id, p.GivenName, p.FamilyName, p.Profession, Organization = o.Name })
                .ToListAsync(ct);
            var named = candidates.Where(c => prescribers.Any(w => Same(w[^1], c.FamilyName) && (w.Count == 1 || Same(w[0], c.GivenName)))).Select(c => c.Id);
            var dispensing = candidates.Where(c => c.Profession == Profession.Pharmacist && pharmacies.Any(p => Same(p, c.Organization))).Select(c => c.Id);
            return ([.. named], [.. dispensing]);
        }

        /// <summary>A name's words without a title: "Dr. Farah Family" is Farah, Family.</summary>
        private static List<string> Words(string? name) =>
            [.. (name ?? "").Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => !Titles.Any(t => Same(t, w)))];

        private static readonly string[] Titles = ["Dr", "Dre", "MD"];

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static CareTeam.Member Member(CareTeamMember m, string name, string? organization, string? phone, string? email) =>
            new(m.Id, m.Kind, name, organization, m.TeamRole, m.Role, m.IsLead, m.IsMainContact, m.JoinedOn, m.LeftOn, m.LeftReason, phone, email);
    }
}
