using HealthLinks.Data;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

namespace HealthLinks.Features.Regional;

/// <summary>
/// Regional planning is for a region's analysts (their account's Health Link names the region). It holds
/// organizations' figures, and counts of patients only as suppressed aggregates.
/// </summary>
public static class RegionalAccess
{
    public sealed record Region(Guid Id, string Name);

    public static async Task<Region?> Of(HealthLinksDb db, Viewer viewer, CancellationToken ct) =>
        viewer.IsIn(Roles.RegionAnalyst) && await ReportScope.Of(db, viewer, ct) is { } scope ? new Region(scope.RegionId, scope.RegionName) : null;

    public static Domain.RuleViolation Refusal => new("Viewer", Domain.Rules.NotAllowed, "regional planning is for the region's analysts");
}
