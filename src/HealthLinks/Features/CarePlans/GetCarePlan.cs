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

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>The plan for this viewer, audited as <paramref name="what"/>, less what consent directives withhold from them.</summary>
        public Task<Privacy.Opened<View>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patientId, string what = "Plan", CancellationToken ct = default) =>
            access.Read(viewer, patientId, what, async gate => await Read(patientId, ct) is { } view ? view with { Document = Privacy.Withholding.Apply(view.Document, gate.Withheld) } : null, ct: ct);

        /// <summary>The whole plan, for a use case that has already been through the door.</summary>
        internal async Task<View?> Read(PatientId patientId, CancellationToken ct = default)
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
