using System.CommandLine;

using HealthLinks.Features.CarePlans;

using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class PlanCommands
{
    public static Command Create()
    {
        var patient = new Option<string>("--patient") { Description = "The patient's Ontario health card number.", Required = true };
        var format = new Option<ExportPlan.Format>("--format") { Description = "pdf, html or json (the full structured plan).", DefaultValueFactory = _ => ExportPlan.Format.Pdf };
        var language = new Option<string?>("--lang") { Description = "en or fr; by default the patient's preferred language." };
        language.AcceptOnlyFromAmong("en", "fr");
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var user = new Option<string>("--as") { Description = "Your account's email: the export follows your access to the patient and is audited.", Required = true };
        var export = new Command("export", "Write a patient's coordinated care plan to a file.") { patient, format, language, output, user };
        export.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            if (await CliHost.Viewer(services, parsed.GetValue(user)!, ct) is not { } viewer)
            {
                AnsiConsole.MarkupLine("[red]--as: no account has this email.[/]");
                return 1;
            }

            var result = await services.GetRequiredService<ExportPlan.Handler>()
                .Handle(new ExportPlan.Command(parsed.GetValue(patient)!, parsed.GetValue(format), parsed.GetValue(language), viewer), ct);
            if (!result.Succeeded)
            {
                foreach (var v in result.Violations)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]--{v.Field}: {v.Message}[/]");
                }

                return 1;
            }

            var file = parsed.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, result.Value!, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {file.FullName} ({result.Value!.Length:N0} bytes).");
            return 0;
        });
        return new Command("plan", "Coordinated care plans.") { export };
    }
}
