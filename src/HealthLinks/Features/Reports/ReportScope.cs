using HealthLinks.Data;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Reports;

/// <summary>
/// Whose figures a person may read: a Health Link's administrators and coordinators, their own Health Link's, whole; a
/// regional analyst, every Health Link of their region (their account's Health Link names it) and the region's
/// totals, with small cells withheld. Nobody else reads reports.
/// </summary>
public sealed record ReportScope(Guid RegionId, string RegionName, IReadOnlyList<(Guid Id, string Name)> HealthLinks, bool Suppressed)
{
    public static async Task<ReportScope?> Of(HealthLinksDb db, Viewer viewer, CancellationToken ct)
    {
        if (viewer.HealthLinkId is not { } own)
        {
            return null;
        }

        var link = await db.HealthLinks.AsNoTracking().Where(h => h.Id == own)
            .Select(h => new { h.Id, h.Name, h.RegionId, Region = db.Regions.Where(r => r.Id == h.RegionId).Select(r => r.Name).First() })
            .SingleOrDefaultAsync(ct);
        if (link is null)
        {
            return null;
        }

        if (viewer.IsIn(Roles.RegionAnalyst))
        {
            var all = await db.HealthLinks.AsNoTracking().Where(h => h.RegionId == link.RegionId).OrderBy(h => h.Name).Select(h => new { h.Id, h.Name }).ToListAsync(ct);
            return new ReportScope(link.RegionId, link.Region, [.. all.Select(h => (h.Id, h.Name))], Suppressed: true);
        }

        return viewer.IsIn(Roles.HealthLinkAdmin) || viewer.IsIn(Roles.CareCoordinator)
            ? new ReportScope(link.RegionId, link.Region, [(link.Id, link.Name)], Suppressed: false)
            : null;
    }

    public static Domain.RuleViolation Refusal => new("Viewer", Domain.Rules.NotAllowed, "reports are for a Health Link's administrators and coordinators, and for regional analysts");

    /// <summary>Reports hold no one's name or number, but reading one is recorded all the same.</summary>
    public static Task Audit(AuditTrail audit, Viewer viewer, string what, CancellationToken ct) =>
        audit.Append(viewer, null, what, AuditAction.View, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
}
