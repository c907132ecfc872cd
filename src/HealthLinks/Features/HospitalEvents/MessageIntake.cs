using System.Threading.Channels;

using HealthLinks.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// The one writer of hospital messages in this process. Every connection hands its frames here; they are taken in the
/// order they arrived (so one patient's messages apply in order), as many as are waiting in one transaction, and each
/// reply is released only once that transaction is committed. One commit for many messages is what lets eight busy
/// connections share the disk's flushes.
/// </summary>
public sealed class MessageIntake(IDbContextFactory<HealthLinksDb> dbs, ReceiveHospitalMessage receive, FollowUpSignal followUp, ILogger<MessageIntake> log) : BackgroundService
{
    /// <summary>At most this many messages share a transaction.</summary>
    public const int BatchSize = 256;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096) { SingleReader = true });

    private sealed record Pending(ReceiveHospitalMessage.Frame Frame, TaskCompletionSource<ReceiveHospitalMessage.Reply> Reply);

    /// <summary>The reply to send, once the message is durably stored.</summary>
    public async Task<ReceiveHospitalMessage.Reply> Submit(ReceiveHospitalMessage.Frame frame, CancellationToken ct) =>
        await (await Enqueue(frame, ct)).WaitAsync(ct);

    /// <summary>Queues the message (its place in the order is taken now) and returns its reply to come.</summary>
    public async Task<Task<ReceiveHospitalMessage.Reply>> Enqueue(ReceiveHospitalMessage.Frame frame, CancellationToken ct)
    {
        var pending = new Pending(frame, new(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        return pending.Reply.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await Take(batch, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // One message the batch could not hold (two listeners took the same one at once, say): each alone. Whatever
                // fails, this writer goes on: every other connection waits on it.
                log.LogWarning("A batch of {Count} hospital messages failed ({Failure}); taking them one by one", batch.Count, e.GetType().Name);
                foreach (var one in batch)
                {
                    try
                    {
                        await Take([one], stoppingToken);
                    }
                    catch (Exception single) when (!stoppingToken.IsCancellationRequested)
                    {
                        log.LogError("A hospital message could not be stored ({Failure}); the sender gets no reply and will send it again", single.GetType().Name);
                        one.Reply.TrySetException(single);
                    }
                }
            }
        }
    }

    private async Task Take(List<Pending> batch, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var replies = new List<ReceiveHospitalMessage.Reply>(batch.Count);
        foreach (var pending in batch)
        {
            replies.Add(await receive.Handle(db, pending.Frame, ct));

            // Each message is saved by now; what stays tracked would only slow the next one's change detection.
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Reply.TrySetResult(replies[i]);
        }

        if (replies.Any(r => r.Stored && r.Ack == "AA"))
        {
            followUp.Ring();
        }
    }
}

/// <summary>Wakes the follow-up of applied messages as soon as some are committed.</summary>
public sealed class FollowUpSignal
{
    private readonly Channel<bool> _bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => _bell.Writer.TryWrite(true);

    public async Task Wait(TimeSpan atMost, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(atMost);
        try
        {
            await _bell.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
