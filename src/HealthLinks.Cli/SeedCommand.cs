using System.CommandLine;
using System.Diagnostics;

using HealthLinks.Data;
using HealthLinks.Demo;


using Spectre.Console;

namespace HealthLinks.Cli;

internal static class SeedCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "How many patients to make.", DefaultValueFactory = _ => SeedDemoPopulation.DefaultPatients };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed makes the same population.", DefaultValueFactory = _ => SeedDemoPopulation.DefaultSeed };
        var command = new Command("seed", "Make a synthetic demo region, its worklist and its demo accounts in an empty database (migrating it first).") { patients, seed };
        command.SetAction(async (parsed, ct) =>
        {
            var count = parsed.GetValue(patients);
            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            var clock = Stopwatch.StartNew();
            HealthLinks.Features.Result<SeedDemoPopulation.Summary>? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Patients", maxValue: Math.Max(1, count));
                    result = await DatabaseStartup.SeedDemoAsync(services, count, parsed.GetValue(seed), new Progress<int>(n => task.Value = n), ct);
                    task.Value = task.MaxValue;
                });
            if (result is not { Succeeded: true, Value: { } summary })
            {
                foreach (var v in result?.Violations ?? [])
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]{v.Field}: {v.Message}[/]");
                }

                return 1;
            }

            // The same demo as the web host's: its accounts (password below), directive, break-glass and coordination history.
            await DatabaseStartup.EnsureDemoPeopleAsync(services, ct);
            var table = new Table().AddColumns("Made", "Count");
            table.AddRow("Organizations", $"{summary.Organizations:N0}").AddRow("Providers", $"{summary.Providers:N0}").AddRow("Patients", $"{summary.Patients:N0}")
                .AddRow("Conditions", $"{summary.Conditions:N0}").AddRow("Encounters", $"{summary.Encounters:N0}").AddRow("Episodes of coordinated care", $"{summary.Episodes:N0}").AddRow("Coordinated care plans", $"{summary.Plans:N0}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"Seeded in {clock.Elapsed.TotalSeconds:F1} s. Demo accounts ({DemoAccounts.All.Count}), password {DemoAccounts.Password}:");
            foreach (var account in DemoAccounts.All)
            {
                AnsiConsole.MarkupLineInterpolated($"  {account.Email} ({account.Role})");
            }
            return 0;
        });
        return command;
    }
}
