using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Regional;

/// <summary>The region's service categories (the nine named, and those its analysts add), and the quarters of figures each holds.</summary>
public static class ServiceCategories
{
    public sealed record Row(Guid Id, string Name, string? Code, int Quarters, int Providers);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit)
    {
        public async Task<Result<IReadOnlyList<Row>>> List(Viewer viewer, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await RegionalAccess.Of(db, viewer, ct) is not { } region)
            {
                return Result<IReadOnlyList<Row>>.Failed([RegionalAccess.Refusal]);
            }

            var categories = (await RegionalData.Categories(db, region.Id, ct)).Values.Distinct().ToList();
            var figures = await db.ServiceVolumes.AsNoTracking().Where(v => v.RegionId == region.Id)
                .GroupBy(v => v.CategoryId).Select(g => new { g.Key, Quarters = g.Select(v => v.Quarter).Distinct().Count(), Providers = g.Select(v => v.OrganizationId).Distinct().Count() })
                .ToDictionaryAsync(g => g.Key, ct);
            return Result<IReadOnlyList<Row>>.Ok([.. categories
                .OrderBy(c => c.Code is null ? 1 : 0).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new Row(c.Id, c.Name, c.Code, figures.GetValueOrDefault(c.Id)?.Quarters ?? 0, figures.GetValueOrDefault(c.Id)?.Providers ?? 0))]);
        }

        public async Task<Result<Guid>> Add(Viewer viewer, string? name, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await RegionalAccess.Of(db, viewer, ct) is not { } region)
            {
                return Result<Guid>.Failed([RegionalAccess.Refusal]);
            }

            ServiceCategory category;
            try
            {
                category = new ServiceCategory(region.Id, name ?? "", null);
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed([.. e.Violations]);
            }

            if ((await RegionalData.Categories(db, region.Id, ct)).ContainsKey(ServiceFiles.Fold(category.Name)))
            {
                return Result<Guid>.Failed(nameof(ServiceCategory.Name), Rules.DuplicateName, "the region already has this category");
            }

            db.ServiceCategories.Add(category);
            await db.SaveChangesAsync(ct);
            await audit.Append(viewer, null, $"Added service category {category.Name}", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return category.Id;
        }
    }
}
