using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Patients;

/// <summary>The patients whose lead care coordinator is this provider today, with where their episode stands.</summary>
public static class GetMyCaseload
{
    public sealed record Row(PatientId Id, string FamilyName, string GivenName, DateOnly DateOfBirth, EnrollmentStatus? Status);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Row>> Handle(ProviderId provider, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var led = db.CareTeamMembers
                .Where(m => m.ProviderId == provider && m.IsLead && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today))
                .Select(m => m.PatientId);
            return await db.Patients.Where(p => led.Contains(p.Id))
                .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
                .Select(p => new Row(p.Id, p.FamilyName, p.GivenName, p.DateOfBirth,
                    db.Enrollments.Where(e => e.PatientId == p.Id && e.IsOpen).Select(e => (EnrollmentStatus?)e.Status).FirstOrDefault()))
                .ToListAsync(ct);
        }
    }
}
