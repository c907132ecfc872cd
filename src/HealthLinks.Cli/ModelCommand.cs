using System.CommandLine;

using HealthLinks.Data;
using HealthLinks.Features.Risk;

using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class ModelCommand
{
    public static Command Create()
    {
        var asOf = new Option<DateOnly>("--as-of") { Description = "Learn from the year before this date what predicts the top 5% of cost in the year up to it.", Required = true };
        var train = new Command("train", "Train the cost-risk model on the imported history, hold out a fifth, print the held-out AUC, and save it.") { asOf };
        train.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            HealthLinks.Features.Result<TrainRiskModel.Outcome>? result = null;
            await AnsiConsole.Status().StartAsync("Training the cost-risk model…", async _ =>
                result = await services.GetRequiredService<TrainRiskModel.Handler>().Handle(new TrainRiskModel.Command(parsed.GetValue(asOf), "cli"), ct));
            if (result is not { Succeeded: true, Value: { } outcome })
            {
                foreach (var v in result?.Violations ?? [])
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]{v.Field}: {v.Message}[/]");
                }

                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"Model version {outcome.Version}: trained on {outcome.TrainingPatients:N0} patients, {outcome.Positives:N0} of them top-5% cost; held-out AUC {outcome.Auc:F3} on {outcome.HeldOutPatients:N0} patients.");
            PrintCalibration(outcome.Calibration);
            return 0;
        });
        return new Command("model", "The cost-risk model that scores screening candidates.") { train };
    }

    /// <summary>Predicted against observed on the held-out patients, by decile and by the worklist's bands, and the Brier score against the prior rate's.</summary>
    private static void PrintCalibration(RiskCalibration calibration)
    {
        AnsiConsole.MarkupLineInterpolated($"Calibration on the held-out patients: Brier score {calibration.Brier:F4} (predicting the prior rate {calibration.Prior:P1} for everyone: {calibration.BaselineBrier:F4}).");
        foreach (var (title, groups) in new[] { ("Decile", calibration.Deciles), ("Risk band", calibration.Bands) })
        {
            var table = new Table().AddColumn(title).AddColumn(new TableColumn("Patients").RightAligned()).AddColumn(new TableColumn("Predicted").RightAligned()).AddColumn(new TableColumn("Observed").RightAligned());
            foreach (var g in groups)
            {
                table.AddRow(g.Name == nameof(RiskCalibration.Band.VeryHigh) ? "Very high" : g.Name, g.Patients.ToString("N0"), g.Patients == 0 ? "—" : g.Predicted.ToString("P1"), g.Patients == 0 ? "—" : g.Observed.ToString("P1"));
            }

            AnsiConsole.Write(table);
        }
    }
}
