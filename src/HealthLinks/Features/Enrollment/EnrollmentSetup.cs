using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Enrollment;

/// <summary>Inviting and enrolling patients: the use cases and the invitation letter's download.</summary>
public static class EnrollmentSetup
{
    public static IServiceCollection AddEnrollment(this IServiceCollection services) => services
        .AddTransient<Invitations.Handler>()
        .AddTransient<InvitationLetter.Handler>()
        .AddTransient<ProviderInformationSheets.Handler>();

    /// <summary>The invitation letter as a PDF, in the language asked for or the patient's own, signed by the coordinator asking.</summary>
    public static IEndpointRouteBuilder MapEnrollment(this IEndpointRouteBuilder app)
    {
        app.MapGet("/patients/{id:guid}/invite/letter/pdf", async (Guid id, string? lang, HttpContext http, InvitationLetter.Handler letters) =>
        {
            var (gate, letter) = await letters.Handle(Viewer.From(http.User), new PatientId(id), lang, AuditAction.Download);
            if (!gate.Allowed)
            {
                return Downloads.Refused(gate);
            }

            return letter is null ? Results.NotFound() : Downloads.Pdf(http, InvitationLetter.Pdf(letter), $"invitation-{letter.Language}.pdf");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.CareCoordinator });
        return app;
    }
}
