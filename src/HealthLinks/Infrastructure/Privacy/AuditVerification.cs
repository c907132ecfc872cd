using HealthLinks.Data;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Infrastructure.Privacy;

/// <summary>Walks the audit chain in order and names every event that was altered, removed or inserted after it was written.</summary>
public static class AuditVerification
{
    public enum ProblemKind
    {
        Altered,
        Removed,
        Inserted,
        Truncated,
    }

    public sealed record Problem(long Sequence, ProblemKind Kind, string Message);

    public sealed record Report(long Checked, IReadOnlyList<Problem> Problems)
    {
        public bool Intact => Problems.Count == 0;
    }

    /// <summary>Checks every event under the key, and that the last head recorded outside the database is still in the chain.</summary>
    public static async Task<Report> Verify(HealthLinksDb db, AuditKey key, AuditSeal.Head? recordedHead, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var (previousSequence, previousHash) = (0L, AuditEvent.Genesis);
        long count = 0;
        var keyed = false;
        var headFound = false;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            headFound |= recordedHead is { } h && h.Sequence == e.Sequence && h.Hash == e.Hash;
            if (e.KeyId.Length > 0 && e.KeyId != key.Id)
            {
                problems.Add(new(e.Sequence, ProblemKind.Altered, $"Audit event {e.Sequence} was sealed with another key than this one (key {e.KeyId})."));
            }
            else if (e.KeyId.Length == 0 && keyed)
            {
                problems.Add(new(e.Sequence, ProblemKind.Altered, $"Audit event {e.Sequence} was altered: it is not sealed with the key, though events before it are."));
            }
            else if (e.ComputeHash(key) != e.Hash)
            {
                problems.Add(new(e.Sequence, ProblemKind.Altered, $"Audit event {e.Sequence} was altered: its content no longer matches its hash."));
            }
            else if (e.Sequence != previousSequence + 1)
            {
                var gap = e.Sequence - 1 == previousSequence + 1 ? $"{previousSequence + 1}" : $"{previousSequence + 1} to {e.Sequence - 1}";
                problems.Add(new(previousSequence + 1, ProblemKind.Removed, $"Audit event {gap} was removed: the chain goes from {previousSequence} to {e.Sequence}."));
            }
            else if (e.PreviousHash != previousHash)
            {
                problems.Add(new(e.Sequence, ProblemKind.Inserted, $"Audit event {e.Sequence} was inserted: it is not chained to event {previousSequence}."));
            }

            (previousSequence, previousHash) = (e.Sequence, e.Hash);
            keyed |= e.KeyId.Length > 0;
            if (count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }

        progress?.Report(count);
        if (recordedHead is { } head && !headFound)
        {
            problems.Add(new(head.Sequence, ProblemKind.Truncated,
                $"The chain no longer holds the head recorded on {head.At:yyyy-MM-dd HH:mm} UTC (event {head.Sequence}): events were removed from its end or rewritten."));
        }

        return new(count, problems);
    }
}

/// <summary>Verifying and recording the chain's head, as the command line and the web host's hourly job do it.</summary>
public sealed class AuditChecks(IDbContextFactory<HealthLinksDb> dbs, AuditSeal seal, TimeProvider clock)
{
    /// <summary>Null when there is no key to verify with. An intact chain's head is recorded as verified.</summary>
    public async Task<AuditVerification.Report?> Verify(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        if (seal.ExistingKey() is not { } key)
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var report = await AuditVerification.Verify(db, key, seal.LastHead(key), progress, ct);
        if (report.Intact && await Head(db, ct) is { } head)
        {
            seal.Record(key, head.Sequence, head.Hash, verified: true, clock.GetUtcNow().UtcDateTime);
        }

        return report;
    }

    /// <summary>Records the head as it stands, so a later cut of the newest events is noticed even between verifications.</summary>
    public async Task RecordHead(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await Head(db, ct) is { } head)
        {
            seal.Record(seal.Key(), head.Sequence, head.Hash, verified: false, clock.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>When the chain was last verified intact, for the privacy officer's page.</summary>
    public DateTime? LastVerified() => seal.ExistingKey() is { } key ? seal.LastHead(key, verifiedOnly: true)?.At : null;

    public static async Task<(long Sequence, string Hash)?> Head(HealthLinksDb db, CancellationToken ct) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct) is { } h ? (h.Sequence, h.Hash) : null;
}
