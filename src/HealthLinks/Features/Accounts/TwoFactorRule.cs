using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Accounts;

/// <summary>
/// Whether a Health Link's staff must sign in with a code from an authenticator app as well as their password. A staff
/// account that must and has not set one up yet signs in only to set it up (<see cref="EnrollClaim"/>).
/// </summary>
public static class TwoFactorRule
{
    /// <summary>On a sign-in that may do nothing but set up two-factor sign-in.</summary>
    public const string EnrollClaim = "healthlinks:enroll-two-factor";

    public const string SetUpPath = "/account/two-factor";

    /// <summary>Roles that work with records or reports: patients and caregivers are not asked for a second factor.</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [Roles.CareCoordinator, Roles.Provider, Roles.HealthLinkAdmin, Roles.PrivacyOfficer, Roles.RegionAnalyst];

    /// <summary>Whether this account must have two-factor sign-in: staff of a Health Link that requires it.</summary>
    public static async Task<bool> Required(HealthLinksDb db, UserAccount user, CancellationToken ct = default) =>
        user.HealthLinkId is { } healthLink
        && await db.HealthLinks.AnyAsync(h => h.Id == healthLink && h.RequiresTwoFactor, ct)
        && await db.UserRoles.AnyAsync(r => r.UserId == user.Id && db.Roles.Any(x => x.Id == r.RoleId && StaffRoles.Contains(x.Name!)), ct);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit)
    {
        public async Task<bool> IsRequired(Guid healthLink, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.HealthLinks.AnyAsync(h => h.Id == healthLink && h.RequiresTwoFactor, ct);
        }

        /// <summary>Requires it (or not) for the Health Link's staff, from their next sign-in.</summary>
        public async Task<Result<bool>> Set(Viewer viewer, Guid healthLink, bool required, CancellationToken ct = default)
        {
            if (!AccountRights.MayManage(viewer, healthLink))
            {
                return Result<bool>.Failed([AccountRights.Refusal]);
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await db.HealthLinks.SingleOrDefaultAsync(h => h.Id == healthLink, ct) is not { } link)
            {
                return Result<bool>.Failed("HealthLinkId", Rules.NotFound, "no such Health Link");
            }

            link.RequiresTwoFactor = required;
            await db.SaveChangesAsync(ct);
            await audit.Append(viewer, null, $"Two-factor sign-in {(required ? "required" : "no longer required")} for the staff of {link.Name}", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return required;
        }
    }
}
