using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>What a Health Link administrator sees of the hospitals sending to it: senders, connections, volumes, errors, and the facilities still unknown.</summary>
public static class InterfaceStatus
{
    public sealed record SenderRow(Guid Id, string FacilityCode, Guid OrganizationId, string Organization, string AllowedAddresses, bool Confirmed, int LastHour, int Errors24Hours, DateTime? LastMessageAt);

    public sealed record ConnectionRow(string? Remote, DateTime Since, int Messages, int Errors);

    /// <summary>A facility whose messages were rejected for being unknown here, in the last 7 days.</summary>
    public sealed record UnknownSender(string Sender, int Messages, DateTime LastAt);

    public sealed record Choice(Guid Id, string Name);

    public sealed record View(IReadOnlyList<SenderRow> Senders, IReadOnlyList<ConnectionRow> Connections, IReadOnlyList<UnknownSender> Unknown, IReadOnlyList<Choice> Hospitals, int? Port);

    internal static Result<T> Refused<T>() => Result<T>.Failed("Viewer", Rules.NotAllowed, "only a Health Link's administrators manage its interfaces");

    internal static bool IsAdministrator(Viewer viewer) => viewer.IsIn(Roles.HealthLinkAdmin) && viewer.HealthLinkId is not null;

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, InterfaceConnections connections, MllpListener listener, TimeProvider clock)
    {
        public async Task<Result<View>> Handle(Viewer viewer, CancellationToken ct = default)
        {
            if (!IsAdministrator(viewer))
            {
                return Refused<View>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var (hour, day, week) = (now.AddHours(-1), now.AddDays(-1), now.AddDays(-7));
            var senders = await db.MessageSenders.AsNoTracking().Where(s => s.HealthLinkId == viewer.HealthLinkId)
                .Join(db.Organizations, s => s.OrganizationId, o => o.Id, (s, o) => new { s, o.Name }).ToListAsync(ct);
            var ids = senders.Select(x => x.s.Id).ToList();
            var volumes = await db.HospitalMessages.AsNoTracking().Where(m => m.SenderId != null && ids.Contains(m.SenderId.Value) && m.ReceivedAt >= day)
                .GroupBy(m => m.SenderId).Select(g => new { Id = g.Key!.Value, Hour = g.Count(m => m.ReceivedAt >= hour), Errors = g.Count(m => m.Ack != "AA"), Last = g.Max(m => m.ReceivedAt) })
                .ToDictionaryAsync(x => x.Id, ct);
            var last = await db.HospitalMessages.AsNoTracking().Where(m => m.SenderId != null && ids.Contains(m.SenderId.Value))
                .GroupBy(m => m.SenderId).Select(g => new { Id = g.Key!.Value, Last = g.Max(m => m.ReceivedAt) }).ToDictionaryAsync(x => x.Id, x => x.Last, ct);
            var rows = senders.Select(x => new SenderRow(x.s.Id, x.s.FacilityCode, x.s.OrganizationId, x.Name, x.s.AllowedAddresses, x.s.Confirmed,
                volumes.GetValueOrDefault(x.s.Id)?.Hour ?? 0, volumes.GetValueOrDefault(x.s.Id)?.Errors ?? 0, last.TryGetValue(x.s.Id, out var l) ? l : null))
                .OrderBy(r => r.Confirmed).ThenBy(r => r.FacilityCode).ToList();
            var unknown = await db.HospitalMessages.AsNoTracking().Where(m => m.SenderId == null && m.Sender != null && m.Ack == "AR" && m.ReceivedAt >= week)
                .GroupBy(m => m.Sender!).Select(g => new UnknownSender(g.Key, g.Count(), g.Max(m => m.ReceivedAt))).ToListAsync(ct);
            var region = await db.HealthLinks.Where(h => h.Id == viewer.HealthLinkId).Select(h => h.RegionId).FirstAsync(ct);
            var hospitals = await db.Organizations.AsNoTracking().Where(o => o.RegionId == region).OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
            var open = connections.Now.Select(c => new ConnectionRow(c.Remote, c.Since, c.Messages, c.Errors)).ToList();
            return new View(rows, open, [.. unknown.OrderByDescending(u => u.LastAt)], hospitals, listener.BoundPort);
        }
    }
}

/// <summary>The message log: when, from whom, which event, the reply and why. No patient is named in it.</summary>
public static class MessageLog
{
    public sealed record Query(Guid? SenderId = null, string? Ack = null, int Take = 500);

    public sealed record Row(Guid Id, DateTime ReceivedAt, string? Sender, string? Event, string? ControlId, string Ack, string? Outcome, string? Error, int Resent);

    /// <summary>The messages an administrator may see: those of their Health Link's senders, and those from facilities not configured yet.</summary>
    internal static IQueryable<HospitalMessage> Visible(HealthLinksDb db, Viewer viewer) =>
        db.HospitalMessages.Where(m => m.SenderId == null || db.MessageSenders.Any(s => s.Id == m.SenderId && s.HealthLinkId == viewer.HealthLinkId));

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs)
    {
        public async Task<Result<IReadOnlyList<Row>>> Handle(Viewer viewer, Query query, CancellationToken ct = default)
        {
            if (!InterfaceStatus.IsAdministrator(viewer))
            {
                return InterfaceStatus.Refused<IReadOnlyList<Row>>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var messages = Visible(db, viewer).AsNoTracking()
                .Where(m => query.SenderId == null || m.SenderId == query.SenderId)
                .Where(m => query.Ack == null || m.Ack == query.Ack);
            var rows = await messages.OrderByDescending(m => m.ReceivedAt).Take(Math.Clamp(query.Take, 1, 5000))
                .Select(m => new Row(m.Id, m.ReceivedAt, m.Sender, m.Event, m.ControlId, m.Ack, m.Outcome, m.Error, m.Resent)).ToListAsync(ct);
            return rows;
        }
    }
}

/// <summary>
/// One message as received: a view of personal health information, behind the access rule and audited. An administrator
/// not on the patient's care team sees its structure and identifiers (what they need to mend an interface) with the
/// clinical segments masked.
/// </summary>
public static class OpenHospitalMessage
{
    public sealed record Opened(string Text, bool Masked);

    private static readonly HashSet<string> Clinical = ["DG1", "DG2", "DRG", "PR1", "OBX", "AL1", "PV2", "NTE", "GT1", "IN1", "IN2", "IN3", "ACC", "PDA", "DB1", "RF1"];

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, AuditTrail audit)
    {
        public async Task<Result<Opened>> Handle(Viewer viewer, Guid messageId, CancellationToken ct = default)
        {
            if (!InterfaceStatus.IsAdministrator(viewer))
            {
                await audit.Append(viewer, null, "HL7 message", AuditAction.View, AuditOutcome.Refused, AccessBasis.None, ct);
                return InterfaceStatus.Refused<Opened>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var message = await MessageLog.Visible(db, viewer).AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct);
            if (message is null)
            {
                return Result<Opened>.Failed("Id", Rules.NotFound, "no such message");
            }

            var whole = false;
            if (message.PatientId is { } patient)
            {
                var decision = await access.Open(viewer, patient, "HL7 message", AuditAction.View, AccessScope.Registration, ct);
                if (!decision.Allowed)
                {
                    return InterfaceStatus.Refused<Opened>();
                }

                whole = decision.SeesRecord && !decision.WholeRecordWithheld;
            }
            else
            {
                await audit.Append(viewer, null, "HL7 message (no patient matched)", AuditAction.View, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            }

            return new Opened(whole ? message.Text : Mask(message.Text), !whole);
        }
    }

    /// <summary>Clinical segments keep their name and field count, their content replaced.</summary>
    internal static string Mask(string text) =>
        string.Join('\r', text.Split(['\r', '\n']).Select(line => line.Length >= 4 && Clinical.Contains(line[..3])
            ? line[..4] + string.Join(line[3], line[4..].Split(line[3]).Select(f => f.Length == 0 ? "" : "***"))
            : line));
}

/// <summary>Adds a hospital as a sender of this Health Link, or confirms and mends one (its organization, the addresses it may send from).</summary>
public static class SaveMessageSender
{
    public sealed class Command
    {
        public Guid? Id { get; set; }

        public string? FacilityCode { get; set; }

        public Guid OrganizationId { get; set; }

        public string? AllowedAddresses { get; set; }
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<Result<Guid>> Handle(Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (!InterfaceStatus.IsAdministrator(viewer))
            {
                return InterfaceStatus.Refused<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var healthLink = viewer.HealthLinkId!.Value;
            var region = await db.HealthLinks.Where(h => h.Id == healthLink).Select(h => h.RegionId).FirstAsync(ct);
            if (!await db.Organizations.AnyAsync(o => o.Id == command.OrganizationId && o.RegionId == region, ct))
            {
                return Result<Guid>.Failed(nameof(Command.OrganizationId), Rules.Required, "choose the hospital, from this region's organizations");
            }

            try
            {
                MessageSender sender;
                if (command.Id is { } id)
                {
                    sender = await db.MessageSenders.FirstOrDefaultAsync(s => s.Id == id && s.HealthLinkId == healthLink, ct)
                        ?? throw new DomainRuleException("Id", Rules.NotFound, "no such sender in this Health Link");
                    sender.Confirm(command.OrganizationId, healthLink, command.AllowedAddresses ?? "");
                }
                else
                {
                    var key = MessageSender.Key(command.FacilityCode ?? "");
                    if (key.Length > 0 && await db.MessageSenders.AnyAsync(s => s.FacilityCode == key, ct))
                    {
                        return Result<Guid>.Failed(nameof(Command.FacilityCode), Rules.SenderExists, "this facility is already configured");
                    }

                    sender = new MessageSender(key, command.OrganizationId, healthLink, command.AllowedAddresses ?? "", confirmed: true, viewer.UserName, clock.GetUtcNow().UtcDateTime);
                    db.MessageSenders.Add(sender);
                }

                await db.SaveChangesAsync(ct);
                return sender.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
