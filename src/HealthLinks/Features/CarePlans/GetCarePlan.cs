using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CarePlans;

/// <summary>The patient's plan as the plan page shows it: the document, its version, completeness, the team who can own actions, and its history.</summary>
public static class GetCarePlan
{
    public sealed record VersionRow(int Number, DateTime SavedAt, string SavedBy, string Summary);

    public sealed record View(
        PatientId PatientId, int Version, CarePlanDocument Document, DateTime? CreatedAt, DateTime? UpdatedAt, DateTime? LastReviewedAt, DateOnly? NextReviewDue,
        DateTime? CompletedAt, PlanCompleteness Completeness, IReadOnlyList<PlanFacts.TeamMember> Team, IReadOnlyList<VersionRow> Versions);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<View?> Handle(PatientId patientId, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await PlanFacts.Read(db, patientId, Ontario.Today(clock), ct) is not var (team, facts))
            {
                return null;
            }

            var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == patientId, ct);
            var document = plan?.Document ?? new CarePlanDocument();
            var versions = plan is null ? [] : await db.CarePlanVersions.Where(v => v.CarePlanId == plan.Id).OrderByDescending(v => v.Number)
                .Select(v => new VersionRow(v.Number, v.SavedAt, v.SavedBy, v.Summary)).ToListAsync(ct);
            return new View(patientId, plan?.Version ?? 0, document, plan?.CreatedAt, plan?.UpdatedAt, plan?.LastReviewedAt, plan?.NextReviewDue,
                plan?.CompletedAt, PlanCompleteness.Of(document, facts), team, versions);
        }
    }
}
