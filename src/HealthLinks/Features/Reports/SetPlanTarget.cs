using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Reports;

/// <summary>A Health Link administrator sets how many complete plans their Health Link aims for each quarter.</summary>
public static class SetPlanTarget
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit)
    {
        public async Task<Result<int?>> Handle(Viewer viewer, int? target, CancellationToken ct = default)
        {
            if (!viewer.IsIn(Roles.HealthLinkAdmin) || viewer.HealthLinkId is not { } own)
            {
                return Result<int?>.Failed("Viewer", Rules.NotAllowed, "a Health Link's administrators set its target");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var link = await db.HealthLinks.SingleAsync(h => h.Id == own, ct);
            try
            {
                link.SetQuarterlyPlanTarget(target);
            }
            catch (DomainRuleException e)
            {
                return Result<int?>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            await audit.Append(viewer, null, $"Quarterly plan target: {target?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return target;
        }
    }
}
