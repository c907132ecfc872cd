using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Bench.Messages;

/// <summary>The messages the benchmarks send: ED registrations and discharges, as a hospital's feed would.</summary>
internal static class MessageTraffic
{
    public const string Facility = "BENCH";

    /// <summary>A valid Ontario health card number for the n-th patient (Luhn check digit).</summary>
    public static string Card(int n)
    {
        var first = (100_000_000 + n).ToString(CultureInfo.InvariantCulture);
        return first + HealthCardNumber.CheckDigit(first).ToString(CultureInfo.InvariantCulture);
    }

    public static string Stamp(DateTime utc) => utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>An A04 (emergency registration) or A03 (discharge) for a visit of the patient with this card.</summary>
    public static string Adt(string trigger, string control, string card, string visit, DateTime admitted, DateTime? discharged = null)
    {
        var pv1 = Enumerable.Repeat("", 46).ToArray();
        (pv1[0], pv1[1], pv1[2], pv1[19], pv1[44], pv1[45]) = ("PV1", "1", "E", visit, Stamp(admitted), discharged is { } d ? Stamp(d) : "");
        var now = Stamp(DateTime.UtcNow);
        return $"MSH|^~\\&|ADT|{Facility}|HEALTHLINKS|HL|{now}||ADT^{trigger}^ADT_{trigger}|{control}|P|2.5.1\rEVN|{trigger}|{now}\r"
            + $"PID|1||{card}^^^ON^JHN||Patient^Bench||19500101|F\r{string.Join('|', pv1)}\r";
    }

    /// <summary>The i-th message of a steady feed over <paramref name="patients"/> patients: an ED visit, then its discharge.</summary>
    public static string Feed(string run, int i, int patients, int firstPatient = 0)
    {
        var visit = i / 2;
        var card = Card(firstPatient + (visit % patients));
        var admitted = DateTime.UtcNow.AddHours(-3);
        return i % 2 == 0
            ? Adt("A04", $"{run}-{i}", card, $"{run}-V{visit}", admitted)
            : Adt("A03", $"{run}-{i}", card, $"{run}-V{visit}", admitted, admitted.AddHours(2));
    }

    /// <summary>The hospital and its sender, in the Health Link given (or a new region and Health Link).</summary>
    public static async Task<Guid> Configure(HealthLinksDb db, Guid? healthLinkId, CancellationToken ct)
    {
        if (await db.MessageSenders.AnyAsync(s => s.FacilityCode == Facility, ct))
        {
            return await db.MessageSenders.Where(s => s.FacilityCode == Facility).Select(s => s.HealthLinkId).FirstAsync(ct);
        }

        Guid regionId;
        if (healthLinkId is { } id)
        {
            regionId = await db.HealthLinks.Where(h => h.Id == id).Select(h => h.RegionId).FirstAsync(ct);
        }
        else
        {
            var region = new Region("Benchmark region");
            var healthLink = new HealthLink(region.Id, "Benchmark Health Link");
            db.AddRange(region, healthLink);
            (regionId, healthLinkId) = (region.Id, healthLink.Id);
        }

        var hospital = new Organization(regionId, "Benchmark General Hospital", OrganizationKind.Hospital);
        db.Organizations.Add(hospital);
        db.MessageSenders.Add(new MessageSender(Facility, hospital.Id, healthLinkId.Value, "", confirmed: true, "bench", DateTime.UtcNow));
        await db.SaveChangesAsync(ct);
        return healthLinkId.Value;
    }

    /// <summary>Sends messages on one connection, keeping up to <paramref name="window"/> unanswered (1: each waits for its reply, as most senders do).</summary>
    public static async Task<int> Send(int port, IReadOnlyList<string> messages, int window, CancellationToken ct)
    {
        await using var client = await MllpClient.Connect("127.0.0.1", port, ct: ct);
        var (sent, accepted) = (0, 0);
        var answered = 0;
        while (answered < messages.Count)
        {
            while (sent < messages.Count && sent - answered < window)
            {
                await client.Write(messages[sent++], ct);
            }

            var reply = Hl7Message.Parse(await client.Read(ct));
            accepted += reply.First("MSA")?.Value(1) == "AA" ? 1 : 0;
            answered++;
        }

        return accepted;
    }

    /// <summary>This machine's rate of 4 KiB writes each followed by fsync, in the folder given, over about two seconds.</summary>
    public static double FsyncPerSecond(string folder)
    {
        var file = Path.Combine(folder, $"fsync-{Guid.NewGuid():N}.tmp");
        var block = new byte[4096];
        var count = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                stream.Write(block);
                stream.Flush(flushToDisk: true);
                count++;
            }
        }

        File.Delete(file);
        return count / clock.Elapsed.TotalSeconds;
    }
}
