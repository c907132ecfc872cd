using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;
using HealthLinks.Tests.HospitalEvents;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench.Messages;

/// <summary>Mutated messages (truncations, wrong delimiters, huge fields, binary noise, deep repetition) through the parser and through the socket.</summary>
internal static class Fuzz
{
    public static void Parser(int count)
    {
        var seeds = Hl7Files.All().Select(f => Hl7Files.AsSent(Path.GetFileName(f))).ToList();
        var today = new DateOnly(2026, 11, 30);
        var (read, refused, slowest) = (0L, 0L, 0L);
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            var random = new Random(1000 + worker);
            var timer = new Stopwatch();
            for (var i = worker; i < count; i += Environment.ProcessorCount)
            {
                var text = Hl7Fuzz.Mutate(seeds[random.Next(seeds.Count)], random);
                timer.Restart();
                try
                {
                    var message = Hl7Message.Parse(text);
                    _ = AdtMessage.Read(message, today);
                    _ = Acknowledgement.Build(message.Header, AckCode.AA, "HL1", DateTime.UnixEpoch, null);
                    Interlocked.Increment(ref read);
                }
                catch (Hl7Exception)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message}");
                }

                var ticks = timer.ElapsedTicks;
                long seen;
                while (ticks > (seen = Interlocked.Read(ref slowest)) && Interlocked.CompareExchange(ref slowest, ticks, seen) != seen)
                {
                }
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[parser] {count:N0} mutated messages in {clock.Elapsed.TotalSeconds:F0} s: {read:N0} read, {refused:N0} refused with a reason, {failures.Count} other exceptions; slowest {slowest * 1000.0 / Stopwatch.Frequency:F1} ms"));
        foreach (var f in failures.Distinct().Take(10))
        {
            Console.WriteLine($"[parser]   {f}");
        }

        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException("the parser failed otherwise than with a reason");
        }
    }

    public static async Task Socket(string name, (DatabaseProvider Provider, string Connection) target, int count, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (services, port, running) = await MessagesBenchmark.Listen(target, stop.Token);
        await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
        {
            await MessageTraffic.Configure(db, null, ct);
        }

        var seeds = Hl7Files.All().Select(f => Hl7Files.AsSent(Path.GetFileName(f))).Concat(Enumerable.Range(0, 20).Select(i => MessageTraffic.Feed("seed", i, 10))).ToList();
        var random = new Random(7);
        var counts = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await using (var client = await MllpClient.Connect("127.0.0.1", port, ct: ct))
        {
            for (var i = 0; i < count; i++)
            {
                if (i % 1000 == 999)
                {
                    // Noise between frames is skipped; a frame over the limit is answered, not kept.
                    await client.WriteRaw([0x00, 0xFF, 0x1C, 0x0D, 0x42], ct);
                    await client.Write(new string('A', Mllp.MaxMessageBytes + 1000), ct);
                }
                else
                {
                    await client.Write(Hl7Fuzz.Mutate(seeds[random.Next(seeds.Count)], random), ct);
                }

                var ack = Hl7Message.Parse(await client.Read(ct)).First("MSA")?.Value(1) ?? "none";
                counts[ack] = counts.GetValueOrDefault(ack) + 1;
            }

            var after = Hl7Message.Parse(await client.Send(MessageTraffic.Feed("after-fuzz", 0, 1), ct)).First("MSA")!.Value(1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{name}] socket: {count:N0} mutated frames in {clock.Elapsed.TotalSeconds:F0} s, every one answered ({string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value:N0} {c.Key}"))}); a good message after them: {after}"));
        }

        await stop.CancelAsync();
        await running;
        await services.DisposeAsync();
    }
}
