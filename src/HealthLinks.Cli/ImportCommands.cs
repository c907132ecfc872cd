using System.CommandLine;
using System.Diagnostics;

using HealthLinks.Data;
using HealthLinks.Features.Import;

using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class ImportCommands
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A FHIR R4 file (bundle, resource or .ndjson) or a folder of them." };
        var healthLink = new Option<string?>("--health-link") { Description = "The name of the Health Link the patients belong to (needed when there are several)." };
        var fhir = new Command("fhir", "Import FHIR R4 data: patients, encounters, conditions, organizations, practitioners, claims, explanations of benefit, prescriptions.") { path, healthLink };
        fhir.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            var healthLinkId = await CliHost.HealthLinkId(services, parsed.GetValue(healthLink), ct);

            var clock = Stopwatch.StartNew();
            HealthLinks.Features.Result<ImportFhir.Summary>? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Files", maxValue: 1);
                    var report = new Progress<ImportFhir.Progress>(p => (task.MaxValue, task.Value) = (Math.Max(1, p.FilesTotal), p.FilesDone));
                    result = await services.GetRequiredService<ImportFhir.Handler>().Handle(new ImportFhir.Command(parsed.GetValue(path)!, healthLinkId), report, ct);
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

            var table = new Table().AddColumns("Resource", "Imported");
            foreach (var type in ImportFhir.Supported)
            {
                table.AddRow(type, $"{summary.Imported.GetValueOrDefault(type):N0}");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"{summary.Files:N0} files in {clock.Elapsed.TotalSeconds:F1} s: {summary.ImportedTotal:N0} imported, {summary.Unchanged:N0} already here (unchanged), {summary.Ignored.Values.Sum():N0} of other types ignored, {summary.Rejected.Count:N0} rejected.");
            foreach (var r in summary.Rejected.Take(50))
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{r.File}[/] entry {r.Entry}: {r.Reason}");
            }

            if (summary.Rejected.Count > 50)
            {
                AnsiConsole.MarkupLineInterpolated($"… and {summary.Rejected.Count - 50:N0} more rejections.");
            }

            return summary.Rejected.Count == 0 ? 0 : 2;
        });
        return new Command("import", "Bring data from other systems into HealthLinks.") { fhir };
    }
}
