using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace HealthLinks.Web;

/// <summary>
/// A signed-in user whose role may not open a patient's page (an analyst, the privacy officer, a patient or caregiver on
/// someone else's record) is refused by the page's [Authorize] before any handler runs: the refusal is audited here,
/// naming the patient and the page, as the handlers audit theirs.
/// </summary>
internal sealed class AuditedRefusals(AuditTrail audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true && RefusedPatientPage(context.Request.Path) is var (patient, what))
        {
            await audit.Append(Viewer.From(context.User), patient, what, AuditAction.View, AuditOutcome.Refused, AccessBasis.None, context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The patient and page of a path such as /patients/{id}/plan; null for any other path.</summary>
    public static (PatientId Patient, string What)? RefusedPatientPage(string? path)
    {
        var parts = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["patients", var id, ..] && Guid.TryParse(id, out var patient)
            ? (new PatientId(patient), Clip($"Page: {(parts.Length > 2 ? string.Join('/', parts[2..]) : "overview")}"))
            : null;
    }

    private static string Clip(string what) => what.Length <= 100 ? what : what[..100];
}
