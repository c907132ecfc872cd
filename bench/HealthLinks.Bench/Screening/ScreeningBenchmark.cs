using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Population;
using HealthLinks.Features.Risk;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench.Screening;

/// <summary>
/// Screens a synthetic region (1,000,000 patients, 30,000,000 encounters by default) as the product does, on SQLite and
/// on PostgreSQL, each in its own process so each has its own peak memory: cold (a new process's first run, which
/// loads the population), warm (the median of repeated runs), and a plain SQL GROUP BY over the same encounters timed
/// in the same run for comparison. The two databases must screen identically; the run fails if they do not.
/// </summary>
internal static class ScreeningBenchmark
{
    private static readonly DateOnly AsOf = SyntheticRegion.AsOf;

    public static Command Command()
    {
        var patients = new Option<int>("--patients") { Description = "Patients in the synthetic region", DefaultValueFactory = _ => 1_000_000 };
        var encounters = new Option<int>("--encounters-per-patient") { Description = "Mean encounters per patient over three years", DefaultValueFactory = _ => 30 };
        var runs = new Option<int>("--runs") { Description = "Warm runs", DefaultValueFactory = _ => 5 };
        var sqlite = new Option<string?>("--sqlite") { Description = "The SQLite file (kept between runs; default screening-<patients>.db in HEALTHLINKS_BENCH_DIR or the temp folder)" };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (default HEALTHLINKS_BENCH_POSTGRES); the database 'healthlinks_bench_<patients>' is made in it" };
        var database = new Option<string>("--database") { Description = "both, sqlite or postgres", DefaultValueFactory = _ => "both" };
        var digest = new Option<string?>("--digest-file") { Hidden = true };
        var command = new Command("screening", "Times population screening on a large synthetic region.") { patients, encounters, runs, sqlite, postgres, database, digest };
        command.SetAction(async (parse, ct) =>
        {
            var region = new SyntheticRegion(parse.GetValue(patients), parse.GetValue(encounters));
            var folder = Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "healthlinks-bench");
            var file = parse.GetValue(sqlite) ?? Path.Combine(folder, $"screening-{region.Patients}.db");
            var server = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("HEALTHLINKS_BENCH_POSTGRES");
            var targets = new List<(DatabaseProvider Provider, string Connection)> { (DatabaseProvider.Sqlite, $"Data Source={file}") };
            if (server is { Length: > 0 })
            {
                targets.Add((DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"healthlinks_bench_{region.Patients}", CommandTimeout = 0 }.ToString()));
            }

            return parse.GetValue(database) switch
            {
                "both" => await Both(targets, parse.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => t.Value).ToList(), ct),
                var one => await One(targets.Single(t => t.Provider.ToString().Equals(one, StringComparison.OrdinalIgnoreCase)), region, parse.GetValue(runs), parse.GetValue(digest), ct),
            };
        });
        return command;
    }

    /// <summary>Each database in a child process, then their results compared.</summary>
    private static async Task<int> Both(List<(DatabaseProvider Provider, string Connection)> targets, List<string> args, CancellationToken ct)
    {
        Console.WriteLine($"Screening as of {AsOf:yyyy-MM-dd}; {Environment.ProcessorCount} cores; {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB");
        if (targets.Count == 1)
        {
            Console.WriteLine("No PostgreSQL given (--postgres or HEALTHLINKS_BENCH_POSTGRES): SQLite only, nothing to compare. scripts/bench-screening starts one.");
        }

        var digests = new List<string>();
        foreach (var (provider, _) in targets)
        {
            var file = Path.GetTempFileName();
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [.. Self(), "screening", .. args, "--database", provider.ToString(), "--digest-file", file]))!;
            await child.WaitForExitAsync(ct);
            if (child.ExitCode != 0)
            {
                return child.ExitCode;
            }

            digests.Add(await File.ReadAllTextAsync(file, ct));
            File.Delete(file);
        }

        if (digests.Count == 2)
        {
            var same = digests[0] == digests[1];
            Console.WriteLine(same ? $"SQLite and PostgreSQL screened identically (digest {digests[0][..16]})." : $"DIFFERENT results: SQLite {digests[0][..16]}, PostgreSQL {digests[1][..16]}.");
            return same ? 0 : 1;
        }

        return 0;
    }

    private static async Task<int> One((DatabaseProvider Provider, string Connection) target, SyntheticRegion region, int runs, string? digestFile, CancellationToken ct)
    {
        var name = target.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        void Say(string line) => Console.WriteLine($"[{name}] {line}");
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.Connection).DataSource)!);
        }

        await using (var services = Services(target))
        {
            if (await BulkLoad.Fill(services.GetRequiredService<IDbContextFactory<HealthLinksDb>>(), target.Provider, region, Say, ct))
            {
                Say("region written");
            }

            var dbs = services.GetRequiredService<IDbContextFactory<HealthLinksDb>>();
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (people, encounters, conditions) = (await db.Patients.CountAsync(ct), await db.Encounters.CountAsync(ct), await db.Conditions.CountAsync(ct));
            Say(string.Create(CultureInfo.InvariantCulture, $"{people:N0} patients, {encounters:N0} encounters, {conditions:N0} conditions"));
            if (!await db.RiskModels.AnyAsync(ct))
            {
                var clock = Stopwatch.StartNew();
                var trained = (await services.GetRequiredService<TrainRiskModel.Handler>().Handle(new TrainRiskModel.Command(AsOf, "bench"), ct)).Value!;
                Say(string.Create(CultureInfo.InvariantCulture, $"risk model trained in {clock.Elapsed.TotalSeconds:F1} s: held-out AUC {trained.Auc:F3} on {trained.HeldOutPatients:N0}"));
            }
        }

        DropPageCache(Say);
        await using var fresh = Services(target);
        var screen = fresh.GetRequiredService<ScreenPopulation.Handler>();
        var command = new ScreenPopulation.Command(AsOf, "bench", Record: false);
        var cold = Stopwatch.StartNew();
        var outcome = (await screen.Handle(command, ct)).Value!;
        cold.Stop();
        var warm = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            outcome = (await screen.Handle(command, ct)).Value!;
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }

        var groupBy = await PlainGroupBy(fresh, target.Provider, ct);
        var median = warm.Order().ElementAt(warm.Count / 2);
        var flagged = outcome.Patients.Count(p => p.Criteria.Count > 0);
        Say(string.Create(CultureInfo.InvariantCulture, $"screened {outcome.Patients.Count:N0}: {flagged:N0} meet a criterion ({Share(outcome, "utilization")}, {Share(outcome, "chronic-conditions")}, {Share(outcome, "frail-elderly")}, {Share(outcome, "social-complexity")}, {Share(outcome, "many-providers")})"));
        Say(string.Create(CultureInfo.InvariantCulture, $"cold (new process, loads the population): {cold.Elapsed.TotalSeconds,7:F2} s"));
        Say(string.Create(CultureInfo.InvariantCulture, $"warm (median of {runs}, min {warm.Min() / 1000:F2} s):     {median / 1000,7:F2} s"));
        Say(string.Create(CultureInfo.InvariantCulture, $"plain SQL GROUP BY over the window:     {groupBy.Elapsed.TotalSeconds,7:F2} s ({groupBy.Rows:N0} patients)"));
        Say(string.Create(CultureInfo.InvariantCulture, $"warm screening / GROUP BY:               {median / groupBy.Elapsed.TotalMilliseconds,7:F2}"));
        Say(string.Create(CultureInfo.InvariantCulture, $"peak working set {Environment.WorkingSet / 1048576.0:N0} MB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB at most"));
        if (digestFile is not null)
        {
            await File.WriteAllTextAsync(digestFile, Digest(outcome), ct);
        }

        await OnePatientChanges(fresh, Say, ct);
        return 0;
    }

    /// <summary>
    /// A hospital message about one patient: a new encounter saved, then the population brought up to date. Measured
    /// against loading the population whole, which is what every change cost before the change log. The encounter is
    /// removed again, so the stored region stays as it was.
    /// </summary>
    private static async Task OnePatientChanges(ServiceProvider services, Action<string> say, CancellationToken ct)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<HealthLinksDb>>();
        var cache = services.GetRequiredService<PopulationCache>();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var whole = Stopwatch.StartNew();
        var reloaded = await PopulationSnapshot.Load(db, null, ct);
        whole.Stop();
        var patient = reloaded.Patients[reloaded.Count / 2];
        var patches = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var encounter = new Encounter(patient, EncounterKind.EmergencyVisit, new DateTime(2025, 12, 1, 10, 0, 0, DateTimeKind.Utc).AddHours(i), null, null, null, "bench", "Fall");
            db.Encounters.Add(encounter);
            await db.SaveChangesAsync(ct);
            var clock = Stopwatch.StartNew();
            var patched = await cache.Get(db, ct);
            patches.Add(clock.Elapsed.TotalMilliseconds);
            if (patched.Patched == 0)
            {
                say("the population was loaded whole, not patched: no change log?");
            }

            db.Encounters.Remove(encounter);
            await db.SaveChangesAsync(ct);
            await cache.Get(db, ct);
        }

        say(string.Create(CultureInfo.InvariantCulture, $"one patient's new encounter, population updated (median of 5): {patches.Order().ElementAt(2):F2} ms"));
        say(string.Create(CultureInfo.InvariantCulture, $"the same by loading the population whole:                     {whole.Elapsed.TotalMilliseconds:F0} ms"));
    }

    private static string Share(ScreenPopulation.Outcome outcome, string criterion) =>
        string.Create(CultureInfo.InvariantCulture, $"{criterion} {outcome.Patients.Count(p => p.Criteria.Contains(criterion)):N0}");

    /// <summary>The reference: ED visits and admissions per patient over the same 12 months, grouped by the database and read to the end.</summary>
    private static async Task<(TimeSpan Elapsed, int Rows)> PlainGroupBy(ServiceProvider services, DatabaseProvider provider, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = """
            SELECT "PatientId", SUM(CASE WHEN "Kind" = 'EmergencyVisit' THEN 1 ELSE 0 END), SUM(CASE WHEN "Kind" = 'InpatientStay' THEN 1 ELSE 0 END)
            FROM "Encounters" WHERE "Start" >= @from AND "Start" < @to GROUP BY "PatientId"
            """;
        var (from, to) = (AsOf.AddYears(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        Add(command, "@from", provider == DatabaseProvider.Sqlite ? from.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : from);
        Add(command, "@to", provider == DatabaseProvider.Sqlite ? to.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : to);
        var clock = Stopwatch.StartNew();
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows++;
            }
        }

        return (clock.Elapsed, rows);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Every screened patient's counts, criteria and score, in id order: equal digests mean equal results.</summary>
    private static string Digest(ScreenPopulation.Outcome outcome)
    {
        var lines = outcome.Patients.OrderBy(p => p.PatientId.Value).Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.PatientId.Value} {p.EdVisits12m} {p.Admissions12m} {p.ChronicConditions} {p.DistinctProviders} {string.Join(',', p.Criteria)} {p.Score:F6} {p.Lace?.Total} {p.Evidence.Count}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>A true cold start reads from disk; this needs root, and is said when it cannot be done.</summary>
    private static void DropPageCache(Action<string> say)
    {
        try
        {
            Process.Start("sync")?.WaitForExit();
            File.WriteAllText("/proc/sys/vm/drop_caches", "3");
            say("operating system page cache dropped before the cold run");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            say("could not drop the page cache (needs root): the cold run reads files the system may hold in memory");
        }
    }

    internal static ServiceProvider Services((DatabaseProvider Provider, string Connection) target)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = target.Provider.ToString(),
            ["ConnectionStrings:HealthLinks"] = target.Connection,
        }).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddHealthLinks(configuration).BuildServiceProvider();
    }

    /// <summary>The child runs this benchmark again: through dotnet when this process is "dotnet HealthLinks.Bench.dll", as scripts/bench-screening starts it.</summary>
    internal static string[] Self() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(ScreeningBenchmark).Assembly.Location] : [];
}
