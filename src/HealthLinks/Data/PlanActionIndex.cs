using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Data;

/// <summary>Keeps PlanActions in step with the plans being saved, inside the same SaveChanges (so the same transaction).</summary>
internal static class PlanActionIndex
{
    /// <summary>Marks that the index was built from every plan once, for plans saved before it existed.</summary>
    public const string Built = "plan-action-index";

    public static async Task Sync(HealthLinksDb db, CancellationToken ct)
    {
        var plans = SavedPlans(db);
        if (plans.Count > 0)
        {
            Apply(db, plans, await Existing(db, plans).ToListAsync(ct));
        }
    }

    public static void SyncNow(HealthLinksDb db)
    {
        var plans = SavedPlans(db);
        if (plans.Count > 0)
        {
            Apply(db, plans, [.. Existing(db, plans)]);
        }
    }

    /// <summary>The index rows of the plans saved before (a new plan has none).</summary>
    private static IQueryable<PlanActionEntry> Existing(HealthLinksDb db, List<CarePlan> plans)
    {
        var changed = plans.Where(p => db.Entry(p).State != EntityState.Added).Select(p => p.Id).ToList();
        return db.PlanActions.Where(a => changed.Contains(a.CarePlanId));
    }

    /// <summary>Builds the index from every plan, once; run at start-up after the migrations.</summary>
    public static async Task BuildOnce(HealthLinksDb db, CancellationToken ct)
    {
        if (await db.DataStamps.AnyAsync(s => s.Name == Built, ct))
        {
            return;
        }

        await db.PlanActions.ExecuteDeleteAsync(ct);
        foreach (var plan in await db.CarePlans.AsNoTracking().ToListAsync(ct))
        {
            db.PlanActions.AddRange(PlanActionEntry.For(plan, new Dictionary<Guid, PlanActionEntry>()));
        }

        db.DataStamps.Add(new DataStamp(Built, Guid.NewGuid()));
        await db.SaveChangesAsync(ct);
    }

    private static List<CarePlan> SavedPlans(HealthLinksDb db) =>
        db.ChangeTracker.Entries<CarePlan>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(p => p.DocumentJson).IsModified))
            .Select(e => e.Entity).ToList();

    private static void Apply(HealthLinksDb db, List<CarePlan> plans, List<PlanActionEntry> existing)
    {
        foreach (var plan in plans)
        {
            var before = existing.Where(a => a.CarePlanId == plan.Id).ToDictionary(a => a.ActionId);
            foreach (var entry in PlanActionEntry.For(plan, before))
            {
                if (before.Remove(entry.ActionId, out var old))
                {
                    old.CopyFrom(entry);
                }
                else
                {
                    db.PlanActions.Add(entry);
                }
            }

            db.PlanActions.RemoveRange(before.Values);
        }
    }
}
