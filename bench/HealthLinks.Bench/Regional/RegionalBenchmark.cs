using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;

using HealthLinks.Bench.Messages;
using HealthLinks.Bench.Screening;
using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Regional;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench.Regional;

/// <summary>
/// Regional planning at scale: 5 years of quarterly files for 2,000 agencies (each in one to three of the nine named
/// categories, three indicators each), imported through the same handler as the page and the command line, imported
/// again (nothing changes), then the integration opportunities of the last quarter, on SQLite and PostgreSQL.
/// </summary>
internal static class RegionalBenchmark
{
    public static Command Command()
    {
        var agencies = new Option<int>("--agencies") { Description = "Agencies in the region", DefaultValueFactory = _ => 2000 };
        var years = new Option<int>("--years") { Description = "Years of quarterly figures", DefaultValueFactory = _ => 5 };
        var database = new Option<string>("--database") { Description = "sqlite, postgres or both", DefaultValueFactory = _ => "both" };
        var command = new Command("regional", "Imports years of agencies' quarterly files and ranks the integration opportunities.") { agencies, years, database };
        command.SetAction(async (parse, ct) =>
        {
            var folder = Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "healthlinks-bench");
            Directory.CreateDirectory(folder);
            var (services, performance) = Files(parse.GetValue(agencies), parse.GetValue(years), new Quarter(2026, 3));
            var servicesFile = Path.Combine(folder, "regional-services.csv");
            var performanceFile = Path.Combine(folder, "regional-performance.csv");
            await File.WriteAllTextAsync(servicesFile, services, ct);
            await File.WriteAllTextAsync(performanceFile, performance, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(agencies):N0} agencies, {parse.GetValue(years)} years: services.csv {services.Count(c => c == '\n') - 1:N0} rows ({new FileInfo(servicesFile).Length / 1e6:F1} MB), performance.csv {performance.Count(c => c == '\n') - 1:N0} rows ({new FileInfo(performanceFile).Length / 1e6:F1} MB)"));

            var targets = new List<(DatabaseProvider Provider, string Connection)>();
            if (parse.GetValue(database) is "both" or "sqlite")
            {
                targets.Add((DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "regional.db")}"));
            }

            if (parse.GetValue(database) is "both" or "postgres" && Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_POSTGRES") is { Length: > 0 } server)
            {
                targets.Add((DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "healthlinks_regional", CommandTimeout = 0 }.ToString()));
            }

            foreach (var target in targets)
            {
                await Run(target, servicesFile, performanceFile, ct);
            }

            return 0;
        });
        return command;
    }

    private static async Task Run((DatabaseProvider Provider, string Connection) target, string servicesFile, string performanceFile, CancellationToken ct)
    {
        void Say(string line) => Console.WriteLine($"[{target.Provider}] {line}");
        MessagesBenchmark.Fresh(target);
        await using var services = ScreeningBenchmark.Services(target);
        await DatabaseStartup.MigrateAsync(services, ct);
        Viewer analyst;
        await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
        {
            var region = new Domain.Region("Benchmark region");
            var link = new HealthLink(region.Id, "Benchmark Health Link");
            db.AddRange(region, link);
            await db.SaveChangesAsync(ct);
            analyst = new Viewer("bench", "analyst@bench.example", [Roles.RegionAnalyst], null, null, link.Id, AuditSource.Cli);
        }

        var import = services.GetRequiredService<ImportServices.Handler>();
        foreach (var round in new[] { "first", "again" })
        {
            foreach (var file in new[] { servicesFile, performanceFile })
            {
                var clock = Stopwatch.StartNew();
                await using var stream = File.OpenRead(file);
                var outcome = (await import.Handle(analyst, stream, Path.GetFileName(file), ct)).Value!;
                var s = outcome.Summary ?? throw new InvalidOperationException($"{file} refused: {string.Join("; ", outcome.Problems.Take(5).Select(p => $"row {p.Row} {p.Column} {p.Code} {p.Detail}"))}");
                Say(string.Create(CultureInfo.InvariantCulture, $"import {Path.GetFileName(file)} ({round}): {s.Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({s.Added:N0} added, {s.Changed:N0} changed, {s.Unchanged:N0} unchanged)"));
            }
        }

        var opportunities = services.GetRequiredService<IntegrationOpportunities.Handler>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var report = (await opportunities.Handle(analyst, new Quarter(2026, 3), ct)).Value!;
            var top = report.Analysis.Opportunities[0];
            Say(string.Create(CultureInfo.InvariantCulture,
                $"opportunities 2026Q3 (run {run + 1}): {clock.Elapsed.TotalMilliseconds:F0} ms; {report.Analysis.Opportunities.Count} categories, first {top.Category.Name} ({top.Providers} providers, score {top.Score:F2}), {report.Analysis.Opportunities.Sum(o => o.Underperformers.Count)} under-performing"));
        }
    }

    /// <summary>The agencies' files: each agency in one to three categories; a few cost far more, a few miss a corridor.</summary>
    internal static (string Services, string Performance) Files(int agencies, int years, Quarter last)
    {
        var random = new Random(2026);
        var quarters = new List<Quarter> { last };
        while (quarters.Count < years * 4)
        {
            quarters.Insert(0, quarters[0].Previous);
        }

        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var offers = new List<(string Agency, string Category, int Size, double Cost, bool Outlier)>();
        for (var a = 0; a < agencies; a++)
        {
            foreach (var (_, name) in ServiceCategory.Named.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                offers.Add(($"Agency {a:D4}", name, (int)Math.Exp(4 + (1.5 * random.NextDouble())), 500 + (name.Length * 60), random.Next(50) == 0));
            }
        }

        var services = new StringBuilder("quarter,organization,service_category,funding,individuals_served,visits\n");
        var performance = new StringBuilder("quarter,organization,service_category,indicator,actual,target,lower_limit,upper_limit\n");
        foreach (var q in quarters)
        {
            foreach (var (agency, category, size, cost, outlier) in offers)
            {
                var individuals = Math.Max(1, (int)(size * (1 + (0.05 * Normal()))));
                var perIndividual = cost * (outlier ? 1.4 : 1) * (1 + (0.6 * Normal() / Math.Sqrt(individuals)));
                services.Append(CultureInfo.InvariantCulture, $"{q},{agency},{category},{perIndividual * individuals:0.00},{individuals},{individuals * 12}\n");
                var wait = (outlier ? 26 : 14) + (3 * Normal());
                performance.Append(CultureInfo.InvariantCulture, $"{q},{agency},{category},wait_time_days,{Math.Max(0, wait):0.0},14,0,21\n");
                performance.Append(CultureInfo.InvariantCulture, $"{q},{agency},{category},individuals_served_pct_target,{100 + (4 * Normal()):0.0},100,90,110\n");
                performance.Append(CultureInfo.InvariantCulture, $"{q},{agency},{category},client_experience_pct,{Math.Min(100, 88 + (4 * Normal())):0.0},85,80,100\n");
            }
        }

        return (services.ToString(), performance.ToString());
    }
}
