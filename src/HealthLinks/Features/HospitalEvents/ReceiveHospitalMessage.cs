using System.Security.Cryptography;
using System.Text;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.HospitalEvents.Hl7;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// One message from a hospital, taken in the caller's transaction: a resend (same sender, control id and text) gets the
/// reply it got before and changes nothing; anything else is read, applied, and stored with its reply, or, when it cannot
/// be read or used, stored for review with an AE or AR reply saying where and why. The caller commits before replying.
/// </summary>
public sealed class ReceiveHospitalMessage(TimeProvider clock, ILogger<ReceiveHospitalMessage> log)
{
    public sealed record Frame(string? Text, bool TooLarge, string? RemoteAddress);

    public sealed record Reply(string Text, string Ack, bool Stored);

    public async Task<Reply> Handle(HealthLinksDb db, Frame frame, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var text = frame.TooLarge ? "" : frame.Text ?? "";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Hl7Message? message = null;
        Hl7Exception? problem = frame.TooLarge ? new Hl7Exception(new("MSH", 1), Hl7ErrorCode.DataTypeError, $"the message is over {Mllp.MaxMessageBytes / 1024} KiB and was not kept") : null;
        try
        {
            message = frame.TooLarge ? null : Hl7Message.Parse(text);
        }
        catch (Hl7Exception e)
        {
            problem = e;
        }

        var header = message?.Header ?? HeaderOnly(text);
        var sender = header is null ? null : Clip($"{header.Value(3)}|{header.Value(4)}", 400);
        var controlId = header?.Value(10) is { } c ? Clip(c, 200) : null;
        if (sender is not null && controlId is not null)
        {
            // One question, and no message text read: the same text sent before (its accepted copy first), else whether
            // another text was accepted under this id. A sender reusing a control id must not make each message load the ones before.
            var before = await db.HospitalMessages.Where(m => m.Sender == sender && m.ControlId == controlId)
                .OrderBy(m => m.ContentHash == hash ? 0 : 1).ThenBy(m => m.Ack == "AA" ? 0 : 1).ThenBy(m => m.ReceivedAt)
                .Select(m => new { m.Id, Same = m.ContentHash == hash, m.Ack }).FirstOrDefaultAsync(ct);
            if (before is { Same: true })
            {
                var same = await db.HospitalMessages.SingleAsync(m => m.Id == before.Id, ct);
                same.CountResend();
                await db.SaveChangesAsync(ct);
                return new Reply(same.AckText, same.Ack, false);
            }

            if (problem is null && before is { Ack: "AA" })
            {
                problem = new Hl7Exception(new("MSH", 1, 10), Hl7ErrorCode.DuplicateKeyIdentifier, $"control id {controlId} was already used by another message from this sender");
            }
        }

        // PostgreSQL text cannot hold NUL; the hash is of what was sent.
        var row = new HospitalMessage(now, frame.RemoteAddress, text.Replace('\0', '\uFFFD'), hash) { Sender = sender, ControlId = controlId };
        if (problem is null && message is not null)
        {
            problem = await Apply(db, message, row, frame.RemoteAddress, now, ct);
            if (problem is null)
            {
                return new Reply(row.AckText, row.Ack, true);
            }
        }

        if (problem is not null && (header?.Value(4) ?? header?.Value(4, 2)) is { } facility)
        {
            // A refused message still belongs to its sender's log, when the sender is known.
            var key = MessageSender.Key(facility);
            row.SenderId = await db.MessageSenders.Where(s => s.FacilityCode == key).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        }

        Answer(row, header, problem, now);
        db.HospitalMessages.Add(row);
        await db.SaveChangesAsync(ct);
        return new Reply(row.AckText, row.Ack, true);
    }

    private static void Answer(HospitalMessage row, Hl7Segment? header, Hl7Exception? problem, DateTime now)
    {
        var ack = problem is null ? AckCode.AA : (int)problem.Code >= 200 && problem.Code != Hl7ErrorCode.ApplicationInternalError ? AckCode.AR : AckCode.AE;
        row.Answer(ack.ToString(), Acknowledgement.Build(header, ack, row.AckControlId, now, problem is null ? null : new(problem.Location, problem.Code, problem.Reason)), problem is null ? null : Clip(problem.Message, 500));
    }

    /// <summary>
    /// Applies the message and stores it, answered AA, inside a savepoint, so a message refused half way leaves nothing of
    /// itself behind (the caller then stores it with its refusal).
    /// </summary>
    private async Task<Hl7Exception?> Apply(HealthLinksDb db, Hl7Message message, HospitalMessage row, string? remote, DateTime now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("a hospital message is taken inside the caller's transaction");
        await transaction.CreateSavepointAsync("message", ct);
        try
        {
            var adt = AdtMessage.Read(message, OntarioTime.DayOf(now));
            row.Event = adt.Event;
            var applied = await new ApplyAdtEvent(db, now, OntarioTime.DayOf(now)).Run(adt, remote, ct);
            (row.PatientId, row.SenderId, row.Outcome) = (applied.Patient?.Id, applied.Sender?.Id, Clip(string.Join(',', applied.Outcomes.Distinct()), 200));
            Answer(row, message.Header, null, now);
            db.HospitalMessages.Add(row);
            await db.SaveChangesAsync(ct);
            await transaction.ReleaseSavepointAsync("message", ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (e is not Hl7Exception)
            {
                log.LogError("A hospital message could not be applied ({Failure}); it is answered AE and kept for review", e.GetType().Name);
            }

            await transaction.RollbackToSavepointAsync("message", ct);
            db.ChangeTracker.Clear();
            if (e is DbUpdateException && row.Sender is not null && await db.HospitalMessages.AnyAsync(m => m.Sender == row.Sender && m.ControlId == row.ControlId && m.Ack == "AA", ct))
            {
                // Another listener accepted this very message a moment ago: the caller takes it again and finds that reply.
                throw;
            }

            (row.PatientId, row.SenderId, row.Outcome) = (null, null, null);
            row.Event ??= message.Header.Value(9, 2) is { Length: <= 10 } trigger ? trigger : null;

            // Anything no rule above foresaw (a conflict, a fault) must not block the interface, or the sender would resend it
            // for ever: refused, kept for review.
            return e as Hl7Exception ?? new Hl7Exception(new("MSH", 1), Hl7ErrorCode.ApplicationInternalError, "the message conflicts with what is stored here; it is kept for an administrator to review");
        }
    }

    /// <summary>The header alone, when the rest of the message could not be read: enough to address the reply.</summary>
    private static Hl7Segment? HeaderOnly(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        try
        {
            return Hl7Message.Parse(end < 0 ? text : text[..end]).Header;
        }
        catch (Hl7Exception)
        {
            return null;
        }
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
