using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>
/// Keeps one <see cref="PopulationSnapshot"/> for the process and reloads it when the population stamp has changed,
/// which every save of patients, encounters, conditions or costs does. One load at a time.
/// </summary>
public sealed class PopulationCache : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private PopulationSnapshot? current;

    public async Task<PopulationSnapshot> Get(HealthLinksDb db, CancellationToken ct)
    {
        // The stamp is read before the data, so a change made during the load only causes one more load later.
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

            current = null;
            current = await PopulationSnapshot.Load(db, token, ct);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private static async Task<Guid?> Stamp(HealthLinksDb db, CancellationToken ct) =>
        await db.DataStamps.AsNoTracking().Where(s => s.Name == DataStamp.Population).Select(s => (Guid?)s.Token).FirstOrDefaultAsync(ct);
}
