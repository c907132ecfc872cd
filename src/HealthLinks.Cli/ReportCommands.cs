using System.CommandLine;
using System.Text.Json;

using HealthLinks.Features.Reports;
using HealthLinks.Features.Reports.Outcomes;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class ReportCommands
{
    public enum Format
    {
        Json,
        Csv,
        Pdf,
    }

    public static Command Create()
    {
        var quarter = new Option<string>("--quarter") { Description = "The quarter, as 2026Q3 (July to September 2026).", Required = true };
        var healthLink = new Option<string?>("--health-link") { Description = "Only this Health Link's table (an analyst sees every Health Link of their region, and the region's)." };
        var format = new Option<Format>("--format") { Description = "json, csv or pdf.", DefaultValueFactory = _ => Format.Csv };
        var language = new Option<string>("--lang") { Description = "en or fr: the figures' names.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "fr");
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var user = new Option<string>("--as") { Description = "Your account's email: the report follows its rights (small cells withheld for an analyst), and is audited.", Required = true };
        var quarterly = new Command("quarterly", "The quarterly process report, with the four quarters before.") { quarter, healthLink, format, language, output, user };
        quarterly.SetAction(async (parsed, ct) =>
        {
            if (!Quarter.TryParse(parsed.GetValue(quarter), out var asked))
            {
                AnsiConsole.MarkupLine("[red]--quarter: write it as 2026Q3.[/]");
                return 1;
            }

            await using var services = CliHost.Build();
            if (await CliHost.Viewer(services, parsed.GetValue(user)!, ct) is not { } viewer)
            {
                AnsiConsole.MarkupLine("[red]--as: no account has this email.[/]");
                return 1;
            }

            var result = await services.GetRequiredService<QuarterlyReport.Handler>().Handle(viewer, asked, ct);
            if (!result.Succeeded)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]--as: {result.Violations[0].Message}.[/]");
                return 1;
            }

            var report = result.Value!;
            if (parsed.GetValue(healthLink) is { } name)
            {
                var tables = report.Tables.Where(t => t.Name == name).ToList();
                if (tables.Count == 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]--health-link: the report has no Health Link named '{name}'; it has {string.Join(", ", report.Tables.Select(t => t.Name))}.[/]");
                    return 1;
                }

                report = report with { Tables = tables };
            }

            var l = services.GetRequiredService<IStringLocalizer<Strings>>();
            var bytes = Languages.In(parsed.GetValue(language), () => parsed.GetValue(format) switch
            {
                Format.Csv => QuarterlyReportCsv.Write(report, l),
                Format.Pdf => QuarterlyReportPdf.Write(report, l),
                _ => Json(report),
            });
            var file = parsed.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {file.FullName}: {report.Tables.Count} table(s), {asked} and the four quarters before{(report.Suppressed ? ", small cells withheld" : "")}.");
            return 0;
        });
        return new Command("report", "Reports: aggregates only, no patient's name or number.") { quarterly, Outcomes(format, language, output, user) };
    }

    private static Command Outcomes(Option<Format> format, Option<string> language, Option<FileInfo> output, Option<string> user)
    {
        var from = new Option<DateOnly>("--enrolled-from") { Description = "The first day of the enrollment period, as 2025-01-01.", Required = true };
        var to = new Option<DateOnly>("--enrolled-to") { Description = "The last day of the enrollment period.", Required = true };
        var months = new Option<int>("--months") { Description = "6 or 12: the months before and after enrollment.", DefaultValueFactory = _ => 6 };
        months.AcceptOnlyFromAmong("6", "12");
        var outcomes = new Command("outcomes", "Hospital use before and after enrollment, against a matched comparison group.") { from, to, months, format, language, output, user };
        outcomes.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            if (await CliHost.Viewer(services, parsed.GetValue(user)!, ct) is not { } viewer)
            {
                AnsiConsole.MarkupLine("[red]--as: no account has this email.[/]");
                return 1;
            }

            var result = await AnsiConsole.Status().StartAsync("Matching the enrolled patients to the comparison group…", _ =>
                services.GetRequiredService<OutcomesReport.Handler>().Handle(viewer, parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(months), ct));
            if (!result.Succeeded)
            {
                var v = result.Violations[0];
                AnsiConsole.MarkupLineInterpolated($"[red]{(v.Field == "Viewer" ? "--as" : v.Field == "Months" ? "--months" : "--enrolled-to")}: {v.Message}.[/]");
                return 1;
            }

            var report = result.Value!;
            var l = services.GetRequiredService<IStringLocalizer<Strings>>();
            var bytes = Languages.In(parsed.GetValue(language), () => parsed.GetValue(format) switch
            {
                Format.Csv => OutcomesFiles.Csv(report, l),
                Format.Pdf => OutcomesFiles.Pdf(report, l),
                _ => Json(report),
            });
            var file = parsed.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {file.FullName}: {report.Pairs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a withheld number of"} matched pairs{(report.TooSmall ? ", too few to conclude" : "")}.");
            return 0;
        });
        return outcomes;
    }

    /// <summary>The outcomes as JSON: a figure that cannot be computed (or is withheld) is null.</summary>
    private static byte[] Json(OutcomesReport.Report report)
    {
        static double? Value(double v) => double.IsNaN(v) ? null : Math.Round(v, 4);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            enrolledFrom = report.From,
            enrolledTo = report.To,
            months = report.Months,
            enrolled = report.Enrolled,
            comparison = report.Comparison,
            pairs = report.Pairs,
            tooSmall = report.TooSmall,
            effects = report.Effects.Select(e => new
            {
                measure = e.Key,
                kind = e.Value.Kind.ToString(),
                enrolledBefore = Value(e.Value.EnrolledBefore),
                enrolledAfter = Value(e.Value.EnrolledAfter),
                comparisonBefore = Value(e.Value.ControlBefore),
                comparisonAfter = Value(e.Value.ControlAfter),
                differenceInDifferences = Value(e.Value.DifferenceInDifferences),
                rateRatio = Value(e.Value.RateRatio),
                lower = Value(e.Value.Lower),
                upper = Value(e.Value.Upper),
                tooSmall = e.Value.TooSmall,
            }),
            balance = report.Balances.Select(b => new { covariate = b.Covariate, before = Value(b.Before), after = Value(b.After) }),
        }, Indented);
    }

    /// <summary>The report as JSON: quarters by name, withheld cells as null with "withheld": true.</summary>
    private static byte[] Json(QuarterlyReport.Report report) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        quarter = report.Quarter.ToString(),
        quarters = report.Quarters.Select(q => q.ToString()),
        region = report.Region,
        suppressed = report.Suppressed,
        tables = report.Tables.Select(t => new
        {
            healthLinkId = t.HealthLinkId,
            name = t.Name,
            figures = t.Rows.Select(r => new { figure = r.Figure, kind = r.Kind.ToString(), values = r.Cells.Select(c => c.Value), withheld = r.Cells.Select(c => c.Withheld) }),
        }),
    }, Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
