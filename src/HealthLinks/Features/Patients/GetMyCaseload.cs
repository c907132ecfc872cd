using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Patients;

/// <summary>The patients whose lead care coordinator is this provider today, with where their episode stands.</summary>
public static class GetMyCaseload
{
    public sealed record Row(PatientId Id, string FamilyName, string GivenName, DateOnly DateOfBirth, EnrollmentStatus? Status, ContactCadence Cadence, DateOnly? LastContact, DateOnly NextContactDue)
    {
        public bool ContactOverdue(DateOnly today) => NextContactDue < today;
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>The caseload of the signed-in coordinator, audited as a list view.</summary>
        public async Task<IReadOnlyList<Row>> Handle(Infrastructure.Privacy.Viewer viewer, CancellationToken ct = default)
        {
            if (viewer.ProviderId is not { } provider)
            {
                return [];
            }

            var rows = await Handle(provider, ct);
            await access.Listed(viewer, rows.Select(r => r.Id), "Caseload", ct);
            return rows;
        }

        internal async Task<IReadOnlyList<Row>> Handle(ProviderId provider, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = Ontario.Today(clock);
            var led = db.CareTeamMembers
                .Where(m => m.ProviderId == provider && m.IsLead && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today));
            var rows = await db.Patients.Join(led, p => p.Id, m => m.PatientId, (p, m) => new { Patient = p, m.JoinedOn })
                .OrderBy(x => x.Patient.FamilyName).ThenBy(x => x.Patient.GivenName)
                .Select(x => new
                {
                    x.Patient.Id,
                    x.Patient.FamilyName,
                    x.Patient.GivenName,
                    x.Patient.DateOfBirth,
                    x.Patient.ContactCadence,
                    x.JoinedOn,
                    Status = db.Enrollments.Where(e => e.PatientId == x.Patient.Id && e.IsOpen).Select(e => (EnrollmentStatus?)e.Status).FirstOrDefault(),
                    LastContact = db.PatientContacts.Where(c => c.PatientId == x.Patient.Id).Max(c => (DateTime?)c.At),
                    Score = db.ScreeningResults.Where(r => r.PatientId == x.Patient.Id).OrderByDescending(r => r.Id).Select(r => r.Score).FirstOrDefault(),
                })
                .ToListAsync(ct);
            return rows.Select(x =>
            {
                var cadence = x.ContactCadence ?? ContactCadences.ForScore(x.Score);
                var last = x.LastContact is { } at ? DateOnly.FromDateTime(Infrastructure.Localization.Ontario.ToWallClock(at)) : (DateOnly?)null;
                return new Row(x.Id, x.FamilyName, x.GivenName, x.DateOfBirth, x.Status, cadence, last, ContactCadences.NextDue(cadence, last, x.JoinedOn));
            }).ToList();
        }
    }
}
