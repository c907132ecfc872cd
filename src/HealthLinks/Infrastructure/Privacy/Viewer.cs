using System.Security.Claims;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Infrastructure.Privacy;

/// <summary>Who is asking, as the access rule and the audit need it: from the sign-in cookie's claims on the web, from the account on the command line.</summary>
public sealed record Viewer(string UserId, string UserName, IReadOnlyList<string> Roles, ProviderId? ProviderId, PatientId? PatientId, Guid? HealthLinkId, AuditSource Source, Guid? SessionId = null)
{
    /// <summary>The sign-in (<see cref="Auth.UserSession"/>) a web viewer acts under; the command line has none.</summary>
    public const string SessionClaim = "healthlinks:session";

    public const string ProviderClaim = "healthlinks:provider";
    public const string PatientClaim = "healthlinks:patient";
    public const string HealthLinkClaim = "healthlinks:health-link";

    public static Viewer Anonymous { get; } = new("", "", [], null, null, null, AuditSource.Web);

    /// <summary>The role the audit names: the first of the user's roles in the product's order.</summary>
    public string Role => Auth.Roles.All.FirstOrDefault(Roles.Contains) ?? "";

    public bool IsIn(string role) => Roles.Contains(role);

    public bool IsHealthLinkStaff => IsIn(Auth.Roles.CareCoordinator) || IsIn(Auth.Roles.HealthLinkAdmin);

    public static Viewer From(ClaimsPrincipal user, AuditSource source = AuditSource.Web)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous with { Source = source };
        }

        return new(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            Guid.TryParse(user.FindFirstValue(ProviderClaim), out var provider) ? new ProviderId(provider) : null,
            Guid.TryParse(user.FindFirstValue(PatientClaim), out var patient) ? new PatientId(patient) : null,
            Guid.TryParse(user.FindFirstValue(HealthLinkClaim), out var healthLink) ? healthLink : null,
            source,
            Guid.TryParse(user.FindFirstValue(SessionClaim), out var session) ? session : null);
    }

    /// <summary>The account with this email, for the command line; null when there is none.</summary>
    public static async Task<Viewer?> ForEmail(HealthLinksDb db, string email, AuditSource source, CancellationToken ct = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        return new(user.Id, user.Email ?? email, roles, user.ProviderId, user.PatientId, user.HealthLinkId, source);
    }
}
