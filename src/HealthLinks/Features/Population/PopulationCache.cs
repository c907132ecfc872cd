using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Population;

/// <summary>
/// Keeps one <see cref="PopulationSnapshot"/> for the process. When the population stamp has changed, it reads the
/// population change log and reloads only the patients changed since its copy (docs/adr/0006); a load whole happens
/// at first, and when more patients changed than a patch is worth. One writer at a time; readers keep the copy they got.
/// </summary>
public sealed class PopulationCache : IDisposable
{
    /// <summary>Above this many changed patients, one load of everyone is cheaper than patching each.</summary>
    public const int MaxPatients = 5_000;

    /// <summary>
    /// Log rows are read again this far back: on PostgreSQL a transaction may commit after one with a higher number, and
    /// reading a patient twice is harmless.
    /// </summary>
    private const int Overlap = 1_000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private PopulationSnapshot? current;

    public async Task<PopulationSnapshot> Get(HealthLinksDb db, CancellationToken ct)
    {
        // The stamp is read before the data, so a change made during the load only causes one more read later.
        var token = await Stamp(db, ct);
        if (current is { } snapshot && token is not null && snapshot.Token == token)
        {
            return snapshot;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (current is { } loaded && token is not null && loaded.Token == token)
            {
                return loaded;
            }

            var applied = await db.PopulationChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
            if (current is { } before && token is not null)
            {
                var changed = await db.PopulationChanges.Where(c => c.Id > before.Applied - Overlap && c.Id <= applied)
                    .Select(c => c.PatientId).Distinct().Take(MaxPatients + 1).ToListAsync(ct);
                if (changed.Count <= MaxPatients && await before.Patch(db, changed, token, applied, ct) is { } patched)
                {
                    return current = patched;
                }
            }

            current = null;
            current = await PopulationSnapshot.Load(db, token, applied, ct);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Drops the copy, so the next read loads whole: for tests that empty the database under a running app.</summary>
    internal void Forget() => current = null;

    private static async Task<Guid?> Stamp(HealthLinksDb db, CancellationToken ct) =>
        await db.DataStamps.AsNoTracking().Where(s => s.Name == DataStamp.Population).Select(s => (Guid?)s.Token).FirstOrDefaultAsync(ct);
}
