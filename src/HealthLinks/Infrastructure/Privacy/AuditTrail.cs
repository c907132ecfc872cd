using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Infrastructure.Privacy;

/// <summary>
/// Appends audit events to the hash chain. One writer at a time in this process; another process (the command line)
/// extending the chain first makes the insert fail on the sequence key, and the append retries from the new end.
/// </summary>
public class AuditTrail(IDbContextFactory<HealthLinksDb> dbs, AuditSeal seal, TimeProvider clock) : IDisposable
{
    private const int Attempts = 20;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, string Hash)? _last;

    // An interactive page renders twice (prerendered, then on its circuit): the same view within this window is one visit.
    private static readonly TimeSpan SameVisit = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, (DateTime At, AuditEvent? Event)> _recent = [];

    /// <summary>Virtual only so the benchmark can measure a page without the audit; nothing in the product overrides it.</summary>
    public virtual async Task<AuditEvent> Append(Viewer viewer, PatientId? patient, string what, AuditAction action, AuditOutcome outcome, AccessBasis purpose, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var visit = $"{viewer.UserId}|{patient}|{what}|{outcome}";
            if (action == AuditAction.View && Recently(visit) is { } repeated)
            {
                return repeated;
            }

            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var last = _last ?? await Last(db, ct);
                var e = new AuditEvent(last.Sequence + 1, clock.GetUtcNow().UtcDateTime, viewer.UserId, viewer.UserName.ToLowerInvariant(), viewer.Role,
                    patient, what, action, outcome, purpose, viewer.Source, last.Hash, seal.Key());
                db.AuditEvents.Add(e);
                try
                {
                    await db.SaveChangesAsync(ct);
                    _last = (e.Sequence, e.Hash);
                    if (action == AuditAction.View)
                    {
                        Remember(visit, e);
                    }

                    return e;
                }
                catch (DbUpdateException) when (attempt < Attempts)
                {
                    _last = null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A list showed these patients (a search, My work, the worklist, conferences, referrals, the caseload): one view event
    /// per patient named, written together, so a patient's access report includes being listed.
    /// </summary>
    public async Task Listed(Viewer viewer, IEnumerable<PatientId> patients, string what, CancellationToken ct = default)
    {
        var shown = patients.Distinct().ToList();
        var key = $"{viewer.UserId}|{what}|{string.Join(',', shown.Select(p => p.Value).Order())}";
        if (shown.Count == 0 || Recently(key) is not null)
        {
            return;
        }

        Remember(key, null);

        var basis = viewer.IsIn(Auth.Roles.CareCoordinator) || viewer.IsIn(Auth.Roles.Provider) ? AccessBasis.CareTeam : AccessBasis.HealthLinkRole;
        await AppendMany(viewer, shown, what, AuditAction.View, AuditOutcome.Allowed, basis, ct);
    }

    /// <summary>One event per patient, written together (an import of 20,000 patients is one transaction, not 20,000).</summary>
    public Task AppendMany(Viewer viewer, IReadOnlyCollection<PatientId> patients, string what, AuditAction action, AuditOutcome outcome, AccessBasis purpose, CancellationToken ct = default) =>
        AppendEach(viewer, patients.Select(p => ((PatientId?)p, what)).ToList(), action, outcome, purpose, ct);

    /// <summary>Several events, each about its own patient and saying its own thing, written together in one save.</summary>
    public async Task AppendEach(Viewer viewer, IReadOnlyCollection<(PatientId? Patient, string What)> events, AuditAction action, AuditOutcome outcome, AccessBasis purpose, CancellationToken ct = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var last = _last ?? await Last(db, ct);
                var at = clock.GetUtcNow().UtcDateTime;
                foreach (var (patient, what) in events)
                {
                    var e = new AuditEvent(last.Sequence + 1, at, viewer.UserId, viewer.UserName.ToLowerInvariant(), viewer.Role, patient, what, action, outcome, purpose, viewer.Source, last.Hash, seal.Key());
                    db.AuditEvents.Add(e);
                    last = (e.Sequence, e.Hash);
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                    _last = last;
                    return;
                }
                catch (DbUpdateException) when (attempt < Attempts)
                {
                    _last = null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The event written for the same view within the visit window (a placeholder for a list), or null.</summary>
    private AuditEvent? Recently(string key)
    {
        lock (_recent)
        {
            return _recent.TryGetValue(key, out var seen) && clock.GetUtcNow().UtcDateTime - seen.At <= SameVisit ? seen.Event ?? ListPlaceholder : null;
        }
    }

    private void Remember(string key, AuditEvent? e)
    {
        lock (_recent)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (_recent.Count > 10_000)
            {
                foreach (var old in _recent.Where(r => now - r.Value.At > SameVisit).Select(r => r.Key).ToList())
                {
                    _recent.Remove(old);
                }
            }

            _recent[key] = (now, e);
        }
    }

    private static readonly AuditEvent ListPlaceholder = AuditEvent.Placeholder;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
    }

    private static async Task<(long Sequence, string Hash)> Last(HealthLinksDb db, CancellationToken ct) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new ValueTuple<long, string>(e.Sequence, e.Hash)).FirstOrDefaultAsync(ct) is { Item2: not null } found
            ? found
            : (0, AuditEvent.Genesis);
}
