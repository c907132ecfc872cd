using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Reports;

/// <summary>The reports: the quarterly process report and the outcomes, on pages and as CSV and PDF.</summary>
public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services
        .AddTransient<ReportHistories>()
        .AddTransient<QuarterlyReport.Handler>()
        .AddTransient<SetPlanTarget.Handler>()
        .AddTransient<Outcomes.OutcomesReport.Handler>();

    /// <summary>Who may open the reports at all; the handler narrows it to the person's Health Link or region.</summary>
    public const string ReaderRoles = Roles.HealthLinkAdmin + "," + Roles.CareCoordinator + "," + Roles.RegionAnalyst;

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        // The quarter is not personal information; the report holds none.
        app.MapGet("/reports/quarterly.csv", async (string? quarter, HttpContext http, QuarterlyReport.Handler reports, IStringLocalizer<Strings> l) =>
        {
            if (!Quarter.TryParse(quarter, out var asked))
            {
                return Results.BadRequest("quarter: write it as 2026Q3");
            }

            var report = await reports.Handle(Viewer.From(http.User), asked, http.RequestAborted);
            return report.Succeeded
                ? Results.File(QuarterlyReportCsv.Write(report.Value!, l), "text/csv; charset=utf-8", $"quarterly-report-{asked}.csv")
                : Results.Forbid();
        }).RequireAuthorization(new AuthorizeAttribute { Roles = ReaderRoles });

        app.MapGet("/reports/quarterly.pdf", async (string? quarter, HttpContext http, QuarterlyReport.Handler reports, IStringLocalizer<Strings> l) =>
        {
            if (!Quarter.TryParse(quarter, out var asked))
            {
                return Results.BadRequest("quarter: write it as 2026Q3");
            }

            var report = await reports.Handle(Viewer.From(http.User), asked, http.RequestAborted);
            return report.Succeeded ? Downloads.Pdf(http, QuarterlyReportPdf.Write(report.Value!, l), $"quarterly-report-{asked}.pdf") : Results.Forbid();
        }).RequireAuthorization(new AuthorizeAttribute { Roles = ReaderRoles });

        foreach (var format in new[] { "csv", "pdf" })
        {
            app.MapGet($"/reports/outcomes.{format}", async (DateOnly? from, DateOnly? to, int? months, HttpContext http, Outcomes.OutcomesReport.Handler outcomes, IStringLocalizer<Strings> l) =>
            {
                if (from is null || to is null)
                {
                    return Results.BadRequest("from, to: write the enrollment period's dates as 2025-01-31");
                }

                var report = await outcomes.Handle(Viewer.From(http.User), from.Value, to.Value, months ?? 6, http.RequestAborted);
                if (!report.Succeeded)
                {
                    return report.Violations[0].Code == Domain.Rules.NotAllowed ? Results.Forbid() : Results.BadRequest(string.Join("; ", report.Violations.Select(v => $"{v.Field}: {v.Message}")));
                }

                var name = $"outcomes-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}";
                return format == "csv"
                    ? Results.File(Outcomes.OutcomesFiles.Csv(report.Value!, l), "text/csv; charset=utf-8", name + ".csv")
                    : Downloads.Pdf(http, Outcomes.OutcomesFiles.Pdf(report.Value!, l), name + ".pdf");
            }).RequireAuthorization(new AuthorizeAttribute { Roles = ReaderRoles });
        }

        return app;
    }
}
