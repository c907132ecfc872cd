using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using HealthLinks.Bench.Screening;
using HealthLinks.Data;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench.Messages;

/// <summary>
/// kill -9 of `healthlinks adt listen` while a sender streams messages (up to 32 unanswered), which then resends, after
/// the restart, everything not acknowledged, and a thousand that were: every acknowledged message must be stored exactly
/// once, with its effect once.
/// </summary>
internal static class CrashTest
{
    public static async Task Run(string name, (DatabaseProvider Provider, string Connection) target, int count, CancellationToken ct)
    {
        void Say(string line) => Console.WriteLine($"[{name}] crash: {line}");
        MessagesBenchmark.Fresh(target);
        await using (var services = ScreeningBenchmark.Services(target))
        {
            await DatabaseStartup.MigrateAsync(services, ct);
            await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
            await MessageTraffic.Configure(db, null, ct);
        }

        var messages = Enumerable.Range(0, count).Select(i => MessageTraffic.Feed("crash", i, 20_000)).ToList();
        var acked = new bool[count];
        var port = FreePort();
        var listener = await Start(target, port, ct);
        var killAt = count * 2 / 5;
        var clock = Stopwatch.StartNew();
        var killed = false;
        try
        {
            await Stream(port, Enumerable.Range(0, count).ToList(), messages, acked, onAck: n =>
            {
                if (n >= killAt && !killed)
                {
                    killed = true;
                    listener.Kill();
                }
            }, ct);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
        }

        await listener.WaitForExitAsync(ct);
        var before = acked.Count(a => a);
        Say(string.Create(CultureInfo.InvariantCulture, $"killed (SIGKILL) after {before:N0} acknowledged of {count:N0}"));
        listener = await Start(target, port, ct);
        var rest = Enumerable.Range(0, count).Where(i => !acked[i]).ToList();
        var again = Enumerable.Range(0, count).Where(i => acked[i]).Take(1000).ToList();
        await Stream(port, rest, messages, acked, _ => { }, ct);
        var replies = new List<string>();
        await using (var client = await MllpClient.Connect("127.0.0.1", port, ct: ct))
        {
            foreach (var i in again)
            {
                replies.Add(Hl7Message.Parse(await client.Send(messages[i], ct)).First("MSA")!.Value(1)!);
            }
        }

        listener.Kill();
        await listener.WaitForExitAsync(ct);
        await using var check = ScreeningBenchmark.Services(target);
        await using var store = await check.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
        var stored = await store.HospitalMessages.CountAsync(m => m.Ack == "AA", ct);
        var distinct = await store.HospitalMessages.Where(m => m.Ack == "AA").Select(m => m.ControlId).Distinct().CountAsync(ct);
        var visits = await store.Encounters.CountAsync(e => e.Source == "hl7v2", ct);
        var closed = await store.Encounters.CountAsync(e => e.Source == "hl7v2" && e.End != null, ct);
        var ok = acked.All(a => a) && stored == count && distinct == count && visits == count / 2 && closed == count / 2 && replies.All(r => r == "AA");
        Say(string.Create(CultureInfo.InvariantCulture,
            $"{acked.Count(a => a):N0} acknowledged; stored {stored:N0} ({distinct:N0} distinct control ids); {visits:N0} visits opened and {closed:N0} closed for {count / 2:N0} sent; {again.Count:N0} acknowledged ones resent, answered {string.Join("/", replies.Distinct())}; {clock.Elapsed.TotalSeconds:F0} s: {(ok ? "each stored exactly once" : "FAILED")}"));
        if (!ok)
        {
            throw new InvalidOperationException("the crash test found a message lost or stored twice");
        }
    }

    /// <summary>Sends the messages given, up to 32 unanswered, marking each acknowledged; throws when the listener goes away.</summary>
    private static async Task Stream(int port, List<int> order, List<string> messages, bool[] acked, Action<int> onAck, CancellationToken ct)
    {
        await using var client = await MllpClient.Connect("127.0.0.1", port, ct: ct);
        var (sent, answered, total) = (0, 0, acked.Count(a => a));
        while (answered < order.Count)
        {
            while (sent < order.Count && sent - answered < 32)
            {
                await client.Write(messages[order[sent++]], ct);
            }

            var reply = Hl7Message.Parse(await client.Read(ct));
            if (reply.First("MSA")?.Value(1) == "AA")
            {
                acked[order[answered]] = true;
                onAck(++total);
            }

            answered++;
        }
    }

    private static async Task<Process> Start((DatabaseProvider Provider, string Connection) target, int port, CancellationToken ct)
    {
        var solution = new DirectoryInfo(AppContext.BaseDirectory);
        while (solution is not null && !File.Exists(Path.Combine(solution.FullName, "HealthLinks.slnx")))
        {
            solution = solution.Parent;
        }

        var cli = Path.Combine(solution!.FullName, "src", "HealthLinks.Cli", "bin", "Release", "net10.0", "HealthLinks.Cli.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "adt", "listen", "--port", port.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__HealthLinks"] = target.Connection;
        start.Environment["Database__Provider"] = target.Provider.ToString();
        start.Environment["Adt__Address"] = "127.0.0.1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, ct);
                return process;
            }
            catch (SocketException) when (attempt < 600 && !process.HasExited)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
