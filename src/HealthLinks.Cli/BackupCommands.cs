using System.CommandLine;

using HealthLinks.Data;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

/// <summary>Backup and restore of the embedded database (PostgreSQL: pg_dump and pg_restore).</summary>
internal static class BackupCommands
{
    public static Command Backup()
    {
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (replaced if it exists).", Required = true };
        var command = new Command("backup", "Back up the embedded SQLite database while the product runs (SQLite's online backup).") { output };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            var file = parsed.GetValue(output)!;
            return Run(() => Backups.Backup(services.GetRequiredService<IConfiguration>(), file.FullName), $"Backed up to {file.FullName}.");
        });
        return command;
    }

    public static Command Restore()
    {
        var input = new Option<FileInfo>("--from") { Description = "The backup file to restore.", Required = true };
        var command = new Command("restore", "Replace the embedded database's content with a backup. Stop the web host first; audit events written after the backup are gone with the rest.") { input };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            var file = parsed.GetValue(input)!;
            return Run(() => Backups.Restore(services.GetRequiredService<IConfiguration>(), file.FullName), $"Restored from {file.FullName}. Run 'healthlinks audit verify' to check the audit chain.");
        });
        return command;
    }

    private static int Run(Action action, string done)
    {
        try
        {
            action();
            AnsiConsole.MarkupLineInterpolated($"{done}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
    }
}
