using System.Diagnostics;

using Npgsql;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// The restore drill, on each database: back up, change data, restore, and the data and the audit chain are as they
/// were at the backup (SQLite with 'healthlinks backup' and 'restore'; PostgreSQL with pg_dump and pg_restore).
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthlinks-backup-").FullName;

    [Fact]
    public async Task Sqlite_BackupChangeRestore_BringsBackTheDataAndAVerifiedAuditChain()
    {
        var database = $"Data Source={Path.Combine(_folder, "live.db")};Pooling=false";
        var backup = Path.Combine(_folder, "backup.db");
        await Drill("Sqlite", database,
            () => Cli("Sqlite", database, "backup", "--out", backup),
            () => Cli("Sqlite", database, "restore", "--from", backup));
        var missing = await Cli("Sqlite", database, "restore", "--from", Path.Combine(_folder, "missing.db"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no backup at", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_PgDumpChangePgRestore_BringsBackTheDataAndAVerifiedAuditChain()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("HEALTHLINKS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set HEALTHLINKS_TEST_POSTGRES, or run scripts/test, which starts PostgreSQL and sets it."))
        { Database = $"healthlinks_drill_{Guid.NewGuid():N}" };
        var dump = Path.Combine(_folder, "healthlinks.dump");
        try
        {
            await Drill("Postgres", server.ToString(),
                () => PgTool(server, "pg_dump", "-Fc", "-f", dump, server.Database!),
                () => PgTool(server, "pg_restore", "--clean", "--if-exists", "-d", server.Database!, dump));
        }
        finally
        {
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ToString()) { Database = "postgres", Pooling = false }.ToString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{server.Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task Drill(string provider, string database, Func<Task<(int ExitCode, string Output)>> backUp, Func<Task<(int ExitCode, string Output)>> restore)
    {
        var setup = await Cli(provider, database, "setup", "--region", "Drill", "--health-link", "Drill Health Link", "--admin-email", "admin@drill.example");
        Assert.True(setup.ExitCode == 0, setup.Output);

        var saved = await backUp();
        Assert.True(saved.ExitCode == 0, saved.Output);
        Assert.Equal(0, (await Cli(provider, database, "users", "add", "--email", "after-backup@drill.example", "--role", "Provider")).ExitCode);

        var restored = await restore();
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.Contains("1 account(s).", (await Cli(provider, database, "users", "list")).Output, StringComparison.Ordinal); // the administrator only
        var after = await Cli(provider, database, "audit", "verify");
        Assert.True(after.ExitCode == 0, after.Output);
    }

    /// <summary>The command line with this drill's own audit key and head file.</summary>
    private Task<(int ExitCode, string Output)> Cli(string provider, string database, params string[] args) =>
        CliTests.RunCli(provider, database, args, [("Audit__KeyFile", Path.Combine(_folder, "audit.key")), ("Audit__HeadFile", Path.Combine(_folder, "audit-heads.log")), ("Email__Outbox", Path.Combine(_folder, "outbox"))]);

    /// <summary>Runs Debian's PostgreSQL client tool (the version scripts/test installs) against the test server.</summary>
    private static async Task<(int ExitCode, string Output)> PgTool(NpgsqlConnectionStringBuilder server, string tool, params string[] args)
    {
        var path = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists).OrderDescending().First();
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", server.Username! }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PGPASSWORD"] = server.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
