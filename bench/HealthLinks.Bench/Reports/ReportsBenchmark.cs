using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using HealthLinks.Bench.Screening;
using HealthLinks.Data;
using HealthLinks.Features.Reports;
using HealthLinks.Features.Reports.Outcomes;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench.Reports;

/// <summary>
/// Times the quarterly report and the outcomes (matching included) over the screening benchmark's region with a
/// report history added (<see cref="ReportHistoryLoad"/>: 750,000 identified, 250,000 enrolled, by default), on SQLite
/// and PostgreSQL, each in its own process for its own peak memory. Both must give the same figures (compared by a
/// SHA-256 over every cell and effect); the run fails if they do not.
/// </summary>
internal static class ReportsBenchmark
{
    private static readonly Quarter Asked = new(2025, 2);
    private static readonly (DateOnly From, DateOnly To) Enrolled = (new DateOnly(2024, 7, 1), new DateOnly(2025, 3, 31));

    public static Command Command()
    {
        var patients = new Option<int>("--patients") { Description = "Patients in the synthetic region (three in four identified, one in four enrolled)", DefaultValueFactory = _ => 1_000_000 };
        var runs = new Option<int>("--runs") { Description = "Warm runs of each report", DefaultValueFactory = _ => 3 };
        var database = new Option<string>("--database") { Description = "both, sqlite or postgres", DefaultValueFactory = _ => "both" };
        var digest = new Option<string?>("--digest-file") { Hidden = true };
        var command = new Command("reports", "Times the quarterly report and the outcomes on a large synthetic region.") { patients, runs, database, digest };
        command.SetAction(async (parse, ct) =>
        {
            var region = new SyntheticRegion(parse.GetValue(patients), 30);
            var folder = Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "healthlinks-bench");
            var targets = new List<(DatabaseProvider Provider, string Connection)> { (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, $"reports-{region.Patients}.db")}") };
            if (Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_POSTGRES") is { Length: > 0 } server)
            {
                targets.Add((DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"healthlinks_reports_{region.Patients}", CommandTimeout = 0 }.ToString()));
            }

            if (parse.GetValue(database) is not "both")
            {
                return await One(targets.Single(t => t.Provider.ToString().Equals(parse.GetValue(database), StringComparison.OrdinalIgnoreCase)), region, parse.GetValue(runs), parse.GetValue(digest), ct);
            }

            var digests = new List<string>();
            foreach (var (provider, _) in targets)
            {
                var file = Path.GetTempFileName();
                string[] args = [.. ScreeningBenchmark.Self(), "reports", "--patients", region.Patients.ToString(CultureInfo.InvariantCulture), "--runs", parse.GetValue(runs).ToString(CultureInfo.InvariantCulture), "--database", provider.ToString(), "--digest-file", file];
                using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, args))!;
                await child.WaitForExitAsync(ct);
                if (child.ExitCode != 0)
                {
                    return child.ExitCode;
                }

                digests.Add(await File.ReadAllTextAsync(file, ct));
                File.Delete(file);
            }

            if (digests.Count < 2)
            {
                Console.WriteLine("No PostgreSQL given (HEALTHLINKS_BENCH_POSTGRES): SQLite only, nothing to compare. scripts/bench-reports starts one.");
                return 0;
            }

            var same = digests[0] == digests[1];
            Console.WriteLine(same ? $"SQLite and PostgreSQL gave the same figures (digest {digests[0][..16]})." : $"DIFFERENT figures: SQLite {digests[0][..16]}, PostgreSQL {digests[1][..16]}.");
            return same ? 0 : 1;
        });
        return command;
    }

    private static async Task<int> One((DatabaseProvider Provider, string Connection) target, SyntheticRegion region, int runs, string? digestFile, CancellationToken ct)
    {
        var name = target.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        void Say(string line) => Console.WriteLine($"[{name}] {line}");
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.Connection).DataSource)!);
        }

        await using var services = ScreeningBenchmark.Services(target);
        var dbs = services.GetRequiredService<IDbContextFactory<HealthLinksDb>>();
        var load = Stopwatch.StartNew();
        await BulkLoad.Fill(dbs, target.Provider, region, Say, ct);
        if (await ReportHistoryLoad.Fill(dbs, region, Say, ct))
        {
            Say($"report history written; region and history ready in {load.Elapsed.TotalSeconds:F0} s");
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var (people, encounters) = (await db.Patients.CountAsync(ct), await db.Encounters.CountAsync(ct));
            var (identified, enrolled) = (await db.Enrollments.CountAsync(ct), await db.EnrollmentStatusChanges.CountAsync(c => c.To == Domain.EnrollmentStatus.Enrolled, ct));
            Say(string.Create(CultureInfo.InvariantCulture, $"{people:N0} patients, {encounters:N0} encounters, {identified:N0} identified, {enrolled:N0} enrolled"));
        }

        var viewer = new Viewer("bench", "bench@example.org", [Roles.HealthLinkAdmin], null, null, SyntheticRegion.HealthLink, Domain.Privacy.AuditSource.Cli);
        var quarterly = services.GetRequiredService<QuarterlyReport.Handler>();
        var outcomes = services.GetRequiredService<OutcomesReport.Handler>();
        QuarterlyReport.Report? report = null;
        OutcomesReport.Report? effects = null;
        var quarterlyTimes = await Times(runs, async () => report = (await quarterly.Handle(viewer, Asked, ct)).Value!);
        Say($"quarterly report {Asked} (and the four quarters before): first {quarterlyTimes[0]:F2} s, then median {Median(quarterlyTimes.Skip(1)):F2} s");
        var outcomeTimes = await Times(runs, async () => effects = (await outcomes.Handle(viewer, Enrolled.From, Enrolled.To, 6, ct)).Value!);
        Say(string.Create(CultureInfo.InvariantCulture, $"outcomes, enrolled {Enrolled.From:yyyy-MM-dd} to {Enrolled.To:yyyy-MM-dd}, 6 months: first {outcomeTimes[0]:F2} s, then median {Median(outcomeTimes.Skip(1)):F2} s; {effects!.Enrolled:N0} enrolled, {effects.Comparison:N0} comparison, {effects.Pairs:N0} pairs"));
        var ed = effects.Effects.GetValueOrDefault(OutcomesReport.EmergencyVisits);
        Say(string.Create(CultureInfo.InvariantCulture, $"emergency visits rate ratio {ed?.RateRatio:F3} ({ed?.Lower:F3}–{ed?.Upper:F3}); largest standardized difference after matching {effects.Balances.Max(b => Math.Abs(b.After)):F3}"));
        Say(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB"));
        var digest = Digest(report!, effects);
        Say($"figures digest {digest[..16]} (quarterly report {Digest(report!, null)[..16]})");
        if (digestFile is not null)
        {
            await File.WriteAllTextAsync(digestFile, digest, ct);
        }

        return 0;
    }

    private static async Task<List<double>> Times(int runs, Func<Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return times;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    /// <summary>Every cell of the report and every figure of the outcomes, rounded to 6 places: the same on both databases or the run fails.</summary>
    private static string Digest(QuarterlyReport.Report report, OutcomesReport.Report? outcomes)
    {
        var text = new StringBuilder();
        foreach (var table in report.Tables)
        {
            foreach (var row in table.Rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"{row.Figure}:{string.Join(',', row.Cells.Select(c => c.Value is { } v ? Math.Round(v, 6).ToString(CultureInfo.InvariantCulture) : "-"))}\n");
            }
        }

        if (outcomes is null)
        {
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        text.Append(CultureInfo.InvariantCulture, $"{outcomes.Enrolled},{outcomes.Comparison},{outcomes.Pairs}\n");
        foreach (var (measure, e) in outcomes.Effects)
        {
            text.Append(CultureInfo.InvariantCulture, $"{measure}:{Math.Round(e.EnrolledBefore, 6)},{Math.Round(e.EnrolledAfter, 6)},{Math.Round(e.ControlBefore, 6)},{Math.Round(e.ControlAfter, 6)},{Math.Round(e.RateRatio, 6)}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
