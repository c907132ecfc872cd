using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Regional;

/// <summary>Regional planning of service integration: the service files, the opportunities and the evidence briefs, on pages and as JSON, CSV and PDF.</summary>
public static class RegionalSetup
{
    public static IServiceCollection AddRegionalPlanning(this IServiceCollection services) => services
        .AddTransient<ImportServices.Handler>()
        .AddTransient<IntegrationOpportunities.Handler>()
        .AddTransient<SaveBriefNotes.Handler>()
        .AddTransient<ServiceCategories.Handler>();

    public static IEndpointRouteBuilder MapRegionalPlanning(this IEndpointRouteBuilder app)
    {
        var analysts = new AuthorizeAttribute { Roles = Roles.RegionAnalyst };

        // Neither the quarter nor the category is personal information; nothing here is about a patient.
        foreach (var format in new[] { "json", "csv", "pdf" })
        {
            app.MapGet($"/region/integration.{format}", async (string? quarter, HttpContext http, IntegrationOpportunities.Handler opportunities, IStringLocalizer<Strings> l) =>
            {
                if (!ParseQuarter(quarter, out var asked))
                {
                    return Results.BadRequest("quarter: write it as 2026Q3");
                }

                var report = await opportunities.Handle(Viewer.From(http.User), asked, http.RequestAborted);
                if (!report.Succeeded)
                {
                    return Results.Forbid();
                }

                var name = $"integration-opportunities-{report.Value!.Analysis.Quarter}";
                return format switch
                {
                    "json" => Results.File(IntegrationFiles.ToJson(report.Value), "application/json", name + ".json"),
                    "csv" => Results.File(IntegrationFiles.ToCsv(report.Value, l), "text/csv; charset=utf-8", name + ".csv"),
                    _ => Downloads.Pdf(http, IntegrationFiles.RankingPdf(report.Value, l), name + ".pdf"),
                };
            }).RequireAuthorization(analysts);
        }

        app.MapGet("/region/integration/brief.pdf", async (string? quarter, Guid? category, HttpContext http, IntegrationOpportunities.Handler opportunities, IStringLocalizer<Strings> l) =>
        {
            if (!ParseQuarter(quarter, out var asked) || category is null)
            {
                return Results.BadRequest("quarter and category: write the quarter as 2026Q3");
            }

            var brief = await opportunities.Brief(Viewer.From(http.User), asked, category.Value, http.RequestAborted);
            return brief.Succeeded
                ? Downloads.Pdf(http, IntegrationFiles.BriefPdf(brief.Value!, l), $"evidence-brief-{brief.Value!.Report.Analysis.Quarter}.pdf")
                : brief.Violations[0].Code == Domain.Rules.NotAllowed ? Results.Forbid() : Results.NotFound();
        }).RequireAuthorization(analysts);

        return app;
    }

    /// <summary>No quarter means the latest with figures.</summary>
    private static bool ParseQuarter(string? text, out Quarter? quarter)
    {
        quarter = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!Quarter.TryParse(text, out var parsed))
        {
            return false;
        }

        quarter = parsed;
        return true;
    }
}
