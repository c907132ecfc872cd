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
    }

    public sealed record Problem(long Sequence, ProblemKind Kind, string Message);

    public sealed record Report(long Checked, IReadOnlyList<Problem> Problems)
    {
        public bool Intact => Problems.Count == 0;
    }

    public static async Task<Report> Verify(HealthLinksDb db, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var (previousSequence, previousHash) = (0L, AuditEvent.Genesis);
        long count = 0;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.ComputeHash() != e.Hash)
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
            if (count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }

        progress?.Report(count);
        return new(count, problems);
    }
}
