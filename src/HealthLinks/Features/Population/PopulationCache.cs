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
    /// Log rows are looked at again this far back: on PostgreSQL a transaction may commit after one with a higher number.
    /// Only the rows not seen before count, so a hospital message costs its own patient, not the last thousand.
    /// </summary>
    private const int Overlap = 1_000;

    /// <summary>Above this many log rows since the copy, a load whole without reading them.</summary>
    private const int MaxRows = 50_000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private PopulationSnapshot? current;

    /// <summary>The log rows already applied within <see cref="Overlap"/> of the copy's last one.</summary>
    private HashSet<long> seen = [];

    /// <summary>How many patients the last patch read again.</summary>
    internal int LastPatchSize { get; private set; }

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
                var rows = await db.PopulationChanges.Where(c => c.Id > before.Applied - Overlap && c.Id <= applied)
                    .Select(c => new { c.Id, c.PatientId }).Take(MaxRows + 1).ToListAsync(ct);
                var changed = rows.Where(r => !seen.Contains(r.Id)).Select(r => r.PatientId).Distinct().ToList();
                if (rows.Count <= MaxRows && changed.Count <= MaxPatients && await before.Patch(db, changed, token, applied, ct) is { } patched)
                {
                    seen = rows.Where(r => r.Id > applied - Overlap).Select(r => r.Id).ToHashSet();
                    LastPatchSize = changed.Count;
                    return current = patched;
                }
            }

            // Rows visible before the load are in it; one committed later with a lower number is not, and stays unseen.
            current = null;
            seen = (await db.PopulationChanges.Where(c => c.Id > applied - Overlap && c.Id <= applied).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
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
