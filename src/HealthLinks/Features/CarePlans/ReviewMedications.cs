using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

namespace HealthLinks.Features.CarePlans;

/// <summary>
/// Records a medication review on the plan: the reconciled list replaces the sources' entries it decided on, and the
/// review (who, when, each decision and why) is kept. Saved as one plan version, so a stale reviewer is refused too.
/// </summary>
public static class ReviewMedications
{
    public sealed record Command(PatientId PatientId, int ExpectedVersion, MedicationReview Review, string By);

    public sealed class Handler(GetCarePlan.Handler plans, SaveCarePlan.Handler save, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>A review rewrites the list: only a team member who sees all of it reviews it.</summary>
        public async Task<SaveCarePlan.Outcome> Handle(Infrastructure.Privacy.Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (await access.Open(viewer, command.PatientId, "Medications", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Record, ct) is not { Allowed: true, Withheld: Domain.Privacy.WithheldParts.None })
            {
                return new SaveCarePlan.Outcome(0, [new RuleViolation("PatientId", Rules.NotAllowed, "only the patient's care team, seeing the whole list, reviews the medications")], []);
            }

            var plan = await plans.Read(command.PatientId, ct);
            if (plan is null)
            {
                return new SaveCarePlan.Outcome(0, [new RuleViolation("PatientId", Rules.NotFound, "no such patient")], []);
            }

            if (plan.Version != command.ExpectedVersion)
            {
                return await save.Save(new SaveCarePlan.Command(command.PatientId, command.ExpectedVersion, plan.Document, command.By), ct);
            }

            CarePlanDocument reconciled;
            try
            {
                reconciled = MedicationReconciliation.Apply(plan.Document, command.Review, Ontario.Today(clock));
            }
            catch (DomainRuleException e)
            {
                return new SaveCarePlan.Outcome(plan.Version, e.Violations, []);
            }

            return await save.Save(new SaveCarePlan.Command(command.PatientId, command.ExpectedVersion, reconciled, command.By), ct);
        }
    }
}
