using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

using HealthLinks.Bench.Screening;
using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.Population;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench.Messages;

/// <summary>
/// Hospitals' messages over MLLP, against a real listener on SQLite and PostgreSQL: durable messages per second on one
/// connection and on eight (with this machine's fsync rate measured in the same run), the time from a message's arrival
/// to its patient on the worklist at 50 messages a second with the 1,000,000-patient region loaded, a kill -9 crash test,
/// and fuzzing of the parser and the socket.
/// </summary>
internal static class MessagesBenchmark
{
    public static Command Command()
    {
        var database = new Option<string>("--database") { Description = "sqlite, postgres or both", DefaultValueFactory = _ => "both" };
        var parts = new Option<string>("--parts") { Description = "Comma-separated: throughput, latency, crash, fuzz", DefaultValueFactory = _ => "throughput,latency,crash,fuzz" };
        var messages = new Option<int>("--messages") { Description = "Messages per throughput run", DefaultValueFactory = _ => 20_000 };
        var crash = new Option<int>("--crash-messages") { Description = "Messages sent through the crash", DefaultValueFactory = _ => 100_000 };
        var fuzzParser = new Option<int>("--fuzz-parser") { Description = "Mutated messages through the parser", DefaultValueFactory = _ => 1_000_000 };
        var fuzzSocket = new Option<int>("--fuzz-socket") { Description = "Mutated messages through the socket", DefaultValueFactory = _ => 10_000 };
        var seconds = new Option<int>("--latency-seconds") { Description = "How long the 50-per-second feed runs", DefaultValueFactory = _ => 60 };
        var command = new Command("messages", "Hospitals' HL7 v2 messages: throughput, time to the worklist, crash and fuzz.") { database, parts, messages, crash, fuzzParser, fuzzSocket, seconds };
        command.SetAction(async (parse, ct) =>
        {
            var folder = Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "healthlinks-bench");
            Directory.CreateDirectory(folder);
            var chosen = parse.GetValue(parts)!.Split(',', StringSplitOptions.TrimEntries).ToHashSet();
            var providers = parse.GetValue(database) switch { "sqlite" => [DatabaseProvider.Sqlite], "postgres" => [DatabaseProvider.Postgres], _ => new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres } };
            var server = Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_POSTGRES");
            if (server is not { Length: > 0 })
            {
                providers = [.. providers.Where(p => p == DatabaseProvider.Sqlite)];
                Console.WriteLine("No PostgreSQL given (HEALTHLINKS_BENCH_POSTGRES): SQLite only. scripts/bench-messages starts one.");
            }

            (DatabaseProvider, string) Target(DatabaseProvider provider, string name) => provider == DatabaseProvider.Sqlite
                ? (provider, $"Data Source={Path.Combine(folder, name + ".db")}")
                : (provider, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "healthlinks_" + name.Replace('-', '_'), CommandTimeout = 0 }.ToString());

            if (chosen.Contains("fuzz"))
            {
                Fuzz.Parser(parse.GetValue(fuzzParser));
            }

            foreach (var provider in providers)
            {
                var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
                if (chosen.Contains("throughput"))
                {
                    await Throughput(name, Target(provider, "messages-throughput"), folder, parse.GetValue(messages), ct);
                }

                if (chosen.Contains("fuzz"))
                {
                    await Fuzz.Socket(name, Fresh(Target(provider, "messages-fuzz")), parse.GetValue(fuzzSocket), ct);
                }

                if (chosen.Contains("crash"))
                {
                    await CrashTest.Run(name, Target(provider, "messages-crash"), parse.GetValue(crash), ct);
                }

                if (chosen.Contains("latency"))
                {
                    await Latency(name, Target(provider, "reports-1000000"), parse.GetValue(seconds), ct);
                }
            }

            return 0;
        });
        return command;
    }

    internal static (DatabaseProvider Provider, string Connection) Fresh((DatabaseProvider Provider, string Connection) target)
    {
        using var services = ScreeningBenchmark.Services(target);
        using var db = services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext();
        db.Database.EnsureDeleted();
        return target;
    }

    /// <summary>The listener in this process on a port of the system's choosing; stops when the token does.</summary>
    internal static async Task<(ServiceProvider Services, int Port, Task Running)> Listen((DatabaseProvider Provider, string Connection) target, CancellationToken ct)
    {
        var services = ScreeningBenchmark.Services(target);
        await DatabaseStartup.MigrateAsync(services, ct);
        var running = StandaloneListener.Run(services, new MllpListener.Options(0, null, null, "127.0.0.1"), ct);
        var listener = services.GetRequiredService<MllpListener>();
        while (listener.BoundPort is null)
        {
            await Task.Delay(20, ct);
        }

        return (services, listener.BoundPort.Value, running);
    }

    private static async Task Throughput(string name, (DatabaseProvider Provider, string Connection) target, string folder, int count, CancellationToken ct)
    {
        void Say(string line) => Console.WriteLine($"[{name}] {line}");
        Fresh(target);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (services, port, running) = await Listen(target, stop.Token);
        await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
        {
            await MessageTraffic.Configure(db, null, ct);
        }

        var fsync = MessageTraffic.FsyncPerSecond(folder);
        Say(string.Create(CultureInfo.InvariantCulture, $"this disk: {fsync:N0} fsyncs a second (4 KiB write + fsync, in {folder})"));

        // Registrations first, so each run after measures a steady feed (ED visits and discharges of known patients).
        await MessageTraffic.Send(port, Enumerable.Range(0, 4000).Select(i => MessageTraffic.Feed("warm", i * 2, 2000)).ToList(), 1, ct);
        foreach (var (connections, window) in new[] { (1, 1), (8, 1), (1, 32) })
        {
            var run = $"c{connections}w{window}";
            var per = count / connections;
            var feeds = Enumerable.Range(0, connections).Select(c => Enumerable.Range(0, per).Select(i => MessageTraffic.Feed($"{run}-{c}", i, 2000)).ToList()).ToList();
            var clock = Stopwatch.StartNew();
            var accepted = (await Task.WhenAll(feeds.Select(f => MessageTraffic.Send(port, f, window, ct)))).Sum();
            var rate = accepted / clock.Elapsed.TotalSeconds;
            Say(string.Create(CultureInfo.InvariantCulture,
                $"{connections} connection{(connections > 1 ? "s" : "")}, {(window == 1 ? "each message waiting for its reply" : $"up to {window} unanswered")}: {accepted:N0} of {per * connections:N0} accepted, {rate:N0} durable messages a second ({rate / fsync:F2} × the fsync rate)"));
        }

        await stop.CancelAsync();
        await running;
        await services.DisposeAsync();
    }

    /// <summary>
    /// The region of 1,000,000 patients (the reports benchmark's, loaded if absent), 3,000 of them given health card numbers;
    /// a feed of 50 ED registrations a second for those patients; each message's time from arrival to the end of its
    /// follow-up, when the patient is re-screened and, if now eligible, on the worklist.
    /// </summary>
    private static async Task Latency(string name, (DatabaseProvider Provider, string Connection) target, int seconds, CancellationToken ct)
    {
        void Say(string line) => Console.WriteLine($"[{name}] {line}");
        var region = new SyntheticRegion(1_000_000, 30);
        await using (var loading = ScreeningBenchmark.Services(target))
        {
            await BulkLoad.Fill(loading.GetRequiredService<IDbContextFactory<HealthLinksDb>>(), target.Provider, region, Say, ct);
        }

        // The senders and the patients' card numbers first: on SQLite the listener's start (loading the population)
        // would otherwise hold the file while these are written.
        const int patients = 3000;
        await using (var setting = ScreeningBenchmark.Services(target))
        await using (var db = await setting.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
        {
            await MessageTraffic.Configure(db, SyntheticRegion.HealthLink, ct);
            for (var n = 0; n < patients; n++)
            {
                var id = new PatientId(SyntheticRegion.Patient(n * 300));
                await db.Patients.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.HealthCardNumber, MessageTraffic.Card(n)), ct);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (services, port, running) = await Listen(target, stop.Token);
        var dbs = services.GetRequiredService<IDbContextFactory<HealthLinksDb>>();
        var load = Stopwatch.StartNew();
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await services.GetRequiredService<PopulationCache>().Get(db, ct);
        }

        Say($"population loaded in {load.Elapsed.TotalSeconds:F0} s (done once when the listener starts)");
        var run = $"lat{DateTime.UtcNow:HHmmss}";
        var start = DateTime.UtcNow;
        var total = seconds * 50;
        await using (var client = await MllpClient.Connect("127.0.0.1", port, ct: ct))
        {
            var pace = Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromMilliseconds(i * 20.0);
                if (pace.Elapsed < due)
                {
                    await Task.Delay(due - pace.Elapsed, ct);
                }

                await client.Send(MessageTraffic.Adt("A04", $"{run}-{i}", MessageTraffic.Card(i % patients), $"{run}-V{i}", DateTime.UtcNow.AddMinutes(-10)), ct);
            }
        }

        List<(double Ms, DateTime At)> times;
        while (true)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var done = await db.HospitalMessages.Where(m => m.ReceivedAt >= start && m.FollowedUpAt != null).Select(m => new { m.ReceivedAt, m.FollowedUpAt, m.PatientId }).ToListAsync(ct);
            if (done.Count >= total)
            {
                times = done.Select(m => ((m.FollowedUpAt!.Value - m.ReceivedAt).TotalMilliseconds, m.ReceivedAt)).ToList();
                break;
            }

            await Task.Delay(500, ct);
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var listed = await db.ScreeningResults.CountAsync(r => r.Source == "hospital-event" && r.IsNewCandidate, ct);
            var sorted = times.Select(t => t.Ms).Order().ToList();
            var warm = times.Where(t => t.At >= times.Min(x => x.At).AddSeconds(10)).Select(t => t.Ms).Order().ToList();
            Say(string.Create(CultureInfo.InvariantCulture,
                $"{total:N0} ED registrations at 50 a second: arrival to worklist p50 {Percentile(sorted, 0.50):F0} ms, p99 {Percentile(sorted, 0.99):F0} ms, max {sorted[^1]:F0} ms; after the first 10 s (a started listener) p50 {Percentile(warm, 0.50):F0} ms, p99 {Percentile(warm, 0.99):F0} ms; {listed:N0} patients on the worklist from a hospital event"));
        }

        await stop.CancelAsync();
        await running;
        await services.DisposeAsync();
    }

    internal static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
