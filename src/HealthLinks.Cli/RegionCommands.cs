using System.CommandLine;
using System.Globalization;

using HealthLinks.Features.Regional;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

using Spectre.Console;

namespace HealthLinks.Cli;

/// <summary>Regional planning from the command line: import the agencies' quarterly files, and write the integration opportunities.</summary>
internal static class RegionCommands
{
    public static Command Create()
    {
        var user = new Option<string>("--as") { Description = "Your account's email (a regional analyst): the work is done and audited as you.", Required = true };
        var file = new Argument<FileInfo>("file") { Description = "services.csv or performance.csv (recognized by its header)." };
        var import = new Command("import-services", "Import a quarterly services.csv or performance.csv: every row checked, all stored or none.") { file, user };
        import.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{path.FullName}: no such file.[/]");
                return 1;
            }

            await using var services = CliHost.Build();
            if (await CliHost.Viewer(services, parsed.GetValue(user)!, ct) is not { } viewer)
            {
                AnsiConsole.MarkupLine("[red]--as: no account has this email.[/]");
                return 1;
            }

            await using var stream = path.OpenRead();
            var result = await services.GetRequiredService<ImportServices.Handler>().Handle(viewer, stream, path.Name, ct);
            if (!result.Succeeded)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]--as: {result.Violations[0].Message}.[/]");
                return 1;
            }

            var l = services.GetRequiredService<IStringLocalizer<Strings>>();
            var outcome = result.Value!;
            if (outcome.Summary is not { } summary)
            {
                Languages.In("en", () =>
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]{path.Name} was not imported: {outcome.ProblemCount} problem(s); nothing was stored.[/]");
                    foreach (var p in outcome.Problems)
                    {
                        AnsiConsole.MarkupLineInterpolated($"  row {p.Row}{(p.Column.Length > 0 ? $", {p.Column}" : "")}: {IntegrationText.Problem(l, p)}");
                    }

                    return 0;
                });
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{path.Name} ({summary.Kind.ToString().ToLowerInvariant()}): {summary.Rows} rows, {summary.Added} added, {summary.Changed} changed, {summary.Unchanged} unchanged; {summary.OrganizationsAdded} organizations added. Quarters: {string.Join(", ", summary.Quarters)}.");
            return 0;
        });

        var quarter = new Option<string?>("--quarter") { Description = "The quarter, as 2026Q3; the latest with figures when left out." };
        var format = new Option<ReportCommands.Format>("--format") { Description = "json, csv or pdf.", DefaultValueFactory = _ => ReportCommands.Format.Json };
        var language = new Option<string>("--lang") { Description = "en or fr: the names in CSV and PDF.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "fr");
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var opportunities = new Command("opportunities", "The service categories ranked as integration opportunities, with variation and repeated under-performance.") { quarter, format, language, output, user };
        opportunities.SetAction(async (parsed, ct) =>
        {
            Quarter? asked = null;
            if (parsed.GetValue(quarter) is { } text)
            {
                if (!Quarter.TryParse(text, out var q))
                {
                    AnsiConsole.MarkupLine("[red]--quarter: write it as 2026Q3.[/]");
                    return 1;
                }

                asked = q;
            }

            await using var services = CliHost.Build();
            if (await CliHost.Viewer(services, parsed.GetValue(user)!, ct) is not { } viewer)
            {
                AnsiConsole.MarkupLine("[red]--as: no account has this email.[/]");
                return 1;
            }

            var result = await services.GetRequiredService<IntegrationOpportunities.Handler>().Handle(viewer, asked, ct);
            if (!result.Succeeded)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]--as: {result.Violations[0].Message}.[/]");
                return 1;
            }

            var report = result.Value!;
            var l = services.GetRequiredService<IStringLocalizer<Strings>>();
            var bytes = Languages.In(parsed.GetValue(language), () => parsed.GetValue(format) switch
            {
                ReportCommands.Format.Csv => IntegrationFiles.ToCsv(report, l),
                ReportCommands.Format.Pdf => IntegrationFiles.RankingPdf(report, l),
                _ => IntegrationFiles.ToJson(report),
            });
            var target = parsed.GetValue(output)!;
            await File.WriteAllBytesAsync(target.FullName, bytes, ct);
            AnsiConsole.MarkupLineInterpolated($"Wrote {target.FullName}: {report.Analysis.Opportunities.Count} categories ranked for {report.Analysis.Quarter}.");
            return 0;
        });

        return new Command("region", "Regional planning of service integration.") { import, opportunities };
    }
}
