using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CarePlans;

public static class MarkPlanReviewed
{
    public sealed record Command(PatientId PatientId, DateOnly NextReviewDue, string By);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        public async Task<Result<DateOnly>> Handle(Infrastructure.Privacy.Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, command.PatientId, "Plan review", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Record, ct)).Allowed)
            {
                return Result<DateOnly>.Failed("PatientId", Rules.NotAllowed, "only the patient's care team reviews the plan");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.PatientId == command.PatientId, ct);
            if (plan is null)
            {
                return Result<DateOnly>.Failed("PatientId", Rules.NotFound, "this patient has no plan to review yet");
            }

            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                plan.MarkReviewed(command.NextReviewDue, command.By, now);
                db.PlanReviews.Add(new PlanReview(plan.Id, plan.PatientId, now, command.By));
            }
            catch (DomainRuleException e)
            {
                return Result<DateOnly>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return command.NextReviewDue;
        }
    }
}
