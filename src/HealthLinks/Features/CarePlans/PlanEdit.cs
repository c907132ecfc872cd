using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CarePlans;

/// <summary>
/// A change to the latest plan made by a feature other than the plan editor (My work, a care conference): applied to the
/// plan tracked by the caller's context, so it is saved, as one new version, in the caller's transaction.
/// </summary>
internal static class PlanEdit
{
    public sealed record Team(IReadOnlyList<PlanFacts.TeamMember> Members, CompletenessFacts Facts);

    /// <summary>The plan (created if the patient has none yet) and the team, or null when there is no such patient.</summary>
    public static async Task<(CarePlan Plan, Team Team)?> Open(HealthLinksDb db, PatientId patient, string by, DateTime now, DateOnly today, CancellationToken ct)
    {
        if (await PlanFacts.Read(db, patient, today, ct) is not var (team, facts))
        {
            return null;
        }

        var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.PatientId == patient, ct);
        if (plan is null)
        {
            plan = new CarePlan(patient, by, now);
            db.CarePlans.Add(plan);
        }

        return (plan, new Team(team, facts));
    }

    /// <summary>Applies the change to a copy of the latest document and records it as a version (not yet saved).</summary>
    public static CarePlanVersion? Apply(HealthLinksDb db, CarePlan plan, Team team, Action<CarePlanDocument> change, string by, DateTime now)
    {
        var document = CarePlan.Read(plan.DocumentJson);
        change(document);
        var version = plan.Save(document, plan.Version, team.Members.Select(m => m.Id).ToHashSet(), team.Facts, by, now);
        if (version is not null)
        {
            db.CarePlanVersions.Add(version);
        }

        return version;
    }
}
