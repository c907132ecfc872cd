using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CarePlans;

/// <summary>
/// Saves the plan as one new version. An editor who opened an older version is refused and told what the others
/// changed since, so they can apply their edit again; nothing is ever silently overwritten.
/// </summary>
public static class SaveCarePlan
{
    public sealed record Command(PatientId PatientId, int ExpectedVersion, CarePlanDocument Document, string By);

    public sealed record Outcome(int Version, IReadOnlyList<RuleViolation> Violations, IReadOnlyList<PlanChange> ChangesByOthers)
    {
        public bool Saved => Violations.Count == 0;
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>Saves for this viewer: the care team, who sees the whole plan (saving a plan with parts withheld would lose them).</summary>
        public async Task<Outcome> Handle(Infrastructure.Privacy.Viewer viewer, Command command, CancellationToken ct = default)
        {
            var gate = await access.Open(viewer, command.PatientId, "Plan", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Record, ct);
            return gate is { Allowed: true, Withheld: Domain.Privacy.WithheldParts.None }
                ? await Save(command, ct)
                : new Outcome(0, [new RuleViolation("PatientId", Rules.NotAllowed, "only the patient's care team, seeing the whole plan, changes it")], []);
        }

        /// <summary>The save itself, for a use case that has already been through the door.</summary>
        internal async Task<Outcome> Save(Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (await PlanFacts.Read(db, command.PatientId, Ontario.Today(clock), ct) is not var (team, facts))
            {
                return new Outcome(0, [new RuleViolation("PatientId", Rules.NotFound, "no such patient")], []);
            }

            var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.PatientId == command.PatientId, ct);
            if (plan is null)
            {
                plan = new CarePlan(command.PatientId, command.By, now);
                db.CarePlans.Add(plan);
            }

            try
            {
                var version = plan.Save(command.Document, command.ExpectedVersion, team.Select(t => t.Id).ToHashSet(), facts, command.By, now);
                if (version is not null)
                {
                    db.CarePlanVersions.Add(version);
                }

                await db.SaveChangesAsync(ct);
                return new Outcome(plan.Version, [], []);
            }
            catch (StalePlanException)
            {
                return await Refused(command, ct);
            }
            catch (DbUpdateException)
            {
                // Another save landed between our read and our write: the version column (or the one-plan-per-patient index) refused ours.
                return await Refused(command, ct);
            }
            catch (DomainRuleException e)
            {
                return new Outcome(plan.Version, e.Violations, []);
            }
        }

        private async Task<Outcome> Refused(Command command, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var plan = await db.CarePlans.AsNoTracking().SingleAsync(p => p.PatientId == command.PatientId, ct);
            var opened = command.ExpectedVersion == 0
                ? new CarePlanDocument()
                : (await db.CarePlanVersions.AsNoTracking().SingleAsync(v => v.CarePlanId == plan.Id && v.Number == command.ExpectedVersion, ct)).Document;
            var violation = new RuleViolation("Version", Rules.PlanChangedByOthers, $"someone saved version {plan.Version} after you opened version {command.ExpectedVersion}");
            return new Outcome(plan.Version, [violation], PlanDiff.Between(opened, plan.Document));
        }
    }
}
