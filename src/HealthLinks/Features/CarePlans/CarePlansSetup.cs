using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.CarePlans;

/// <summary>The care plan's use cases and its downloads.</summary>
public static class CarePlansSetup
{
    public static IServiceCollection AddCarePlans(this IServiceCollection services) => services
        .AddTransient<GetCarePlan.Handler>()
        .AddTransient<SaveCarePlan.Handler>()
        .AddTransient<CompareVersions.Handler>()
        .AddTransient<MarkPlanReviewed.Handler>()
        .AddTransient<BuildPlanSheet.Handler>()
        .AddTransient<PlanPdf.Handler>()
        .AddTransient<ExportPlan.Handler>()
        .AddTransient<ReviewMedications.Handler>();

    public static IEndpointRouteBuilder MapCarePlans(this IEndpointRouteBuilder app)
    {
        // The plan as a PDF, in the language asked for or the patient's own, for whoever the access rule lets read it.
        app.MapGet("/patients/{id:guid}/plan/pdf", (Guid id, string? lang, HttpContext http, PlanPdf.Handler pdfs) =>
            Pdf(new PatientId(id), lang, http, pdfs, "care-plan"))
            .RequireAuthorization();

        // A patient's own plan; the patient comes from the account, never from the address.
        app.MapGet("/my-plan/pdf", (string? lang, HttpContext http, PlanPdf.Handler pdfs) =>
            Viewer.From(http.User).PatientId is { } patient ? Pdf(patient, lang, http, pdfs, "my-care-plan") : Task.FromResult(Results.NotFound()))
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Patient });

        // A plan shared with a caregiver; the access is checked on every download, so it ends the moment it expires or is revoked.
        app.MapGet("/shared-plans/{id:guid}/pdf", (Guid id, string? lang, HttpContext http, PlanPdf.Handler pdfs) =>
            Pdf(new PatientId(id), lang, http, pdfs, "shared-care-plan"))
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Caregiver });
        return app;
    }

    private static async Task<IResult> Pdf(PatientId patient, string? lang, HttpContext http, PlanPdf.Handler pdfs, string name)
    {
        var opened = await pdfs.Handle(Viewer.From(http.User), patient, lang, AuditAction.Download, http.RequestAborted);
        if (!opened.Access.Allowed)
        {
            return Downloads.Refused(opened.Access);
        }

        return opened.Value is { } file ? Downloads.Pdf(http, file.Content, $"{name}-{file.Language}.pdf") : Results.NotFound();
    }
}
