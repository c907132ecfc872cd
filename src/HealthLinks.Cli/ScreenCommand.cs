using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Features.Screening;

using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class ScreenCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var asOf = new Option<DateOnly>("--as-of") { Description = "Screen as of this date (yyyy-MM-dd): utilization counts the 12 months before it.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var all = new Option<bool>("--all") { Description = "Every screened patient, not only the new candidates." };
        var healthLink = new Option<string?>("--health-link") { Description = "Only this Health Link (by name); all of them by default." };
        var command = new Command("screen", "Screen the population for patients who would benefit from coordinated care, and record the run.") { asOf, json, all, healthLink };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            var healthLinkId = await CliHost.HealthLinkId(services, parsed.GetValue(healthLink), ct);

            var result = await services.GetRequiredService<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(parsed.GetValue(asOf), "cli", healthLinkId), ct);
            if (result is not { Succeeded: true, Value: { } outcome })
            {
                foreach (var v in result.Violations)
                {
                    Console.Error.WriteLine($"{v.Field}: {v.Message}");
                }

                return 1;
            }

            var listed = parsed.GetValue(all) ? outcome.Patients : outcome.NewCandidates.ToList();
            if (parsed.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    asOf = outcome.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ruleVersions = outcome.RuleVersions.Values.Distinct(),
                    model = outcome.Model,
                    candidates = listed.Select(p => new
                    {
                        patientId = p.PatientId.ToString(),
                        sourceIds = p.SourceIds,
                        p.Age,
                        p.EdVisits12m,
                        p.Admissions12m,
                        p.ChronicConditions,
                        p.DistinctProviders,
                        criteria = p.Criteria,
                        score = p.Score,
                        drivers = p.Drivers,
                        lace = p.Lace is { } lace ? new { lengthOfStay = lace.LengthOfStay, acuity = lace.Acuity, comorbidity = lace.Comorbidity, edVisits = lace.EdVisits, total = lace.Total } : null,
                        evidence = p.Evidence,
                        isNewCandidate = p.IsNewCandidate,
                    }),
                }, Json));
                return 0;
            }

            var table = new Table().AddColumns("Patient", "Age", "ED visits", "Admissions", "Chronic conditions", "Providers", "Criteria");
            foreach (var p in listed.Take(200))
            {
                table.AddRow(p.PatientId.ToString(), $"{p.Age}", $"{p.EdVisits12m}", $"{p.Admissions12m}", $"{p.ChronicConditions}", $"{p.DistinctProviders}", string.Join(", ", p.Criteria));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"Screened {outcome.Patients.Count:N0} patients as of {outcome.AsOf:yyyy-MM-dd}: {outcome.NewCandidates.Count():N0} new candidates.");
            return 0;
        });
        return command;
    }
}
