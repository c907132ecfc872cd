using HealthLinks.Data;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Infrastructure.Jobs;

/// <summary>
/// Takes a job's lease for this node. Taking it is one conditional statement (insert, or update where the lease is
/// free or already ours), so two nodes asking at the same moment cannot both get it, on SQLite or PostgreSQL.
/// </summary>
public sealed class JobLeases(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
{
    /// <summary>This process, as the holder of its leases.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task<bool> TryTake(string job, TimeSpan lease, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var taken = await db.JobLeases
            .Where(l => l.Name == job && (l.Holder == Holder || l.Until <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.Until, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.Name == job, ct))
        {
            return false;
        }

        db.JobLeases.Add(new JobLease(job, Holder, until));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another node inserted it first
        }
    }
}
