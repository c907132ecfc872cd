using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Administration;

/// <summary>The lists the administration pages and pickers show: regions, Health Links, organizations, providers, of the viewer's region (<see cref="DirectoryScope"/>).</summary>
public sealed class DirectoryListings(IDbContextFactory<HealthLinksDb> dbs)
{
    public sealed record Choice(Guid Id, string Name);

    public sealed record OrganizationRow(Guid Id, string Name, OrganizationKind Kind, string Region, string? Phone, string? Email, int Providers);

    public sealed record ProviderRow(ProviderId Id, string GivenName, string FamilyName, Profession Profession, Guid OrganizationId, string Organization, string? Phone, string? Email);

    public async Task<IReadOnlyList<Choice>> Regions(Viewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var region = await DirectoryScope.Region(db, viewer, ct);
        return await db.Regions.Where(r => region == null || r.Id == region).OrderBy(r => r.Name).Select(r => new Choice(r.Id, r.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Choice>> HealthLinks(Viewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var region = await DirectoryScope.Region(db, viewer, ct);
        return await db.HealthLinks.Where(h => region == null || h.RegionId == region).OrderBy(h => h.Name).Select(h => new Choice(h.Id, h.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OrganizationRow>> Organizations(Viewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var region = await DirectoryScope.Region(db, viewer, ct);
        return await db.Organizations.Where(o => region == null || o.RegionId == region).OrderBy(o => o.Name)
            .Select(o => new OrganizationRow(o.Id, o.Name, o.Kind, db.Regions.Where(r => r.Id == o.RegionId).Select(r => r.Name).First(), o.Phone, o.Email, db.Providers.Count(p => p.OrganizationId == o.Id)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ProviderRow>> Providers(Viewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var region = await DirectoryScope.Region(db, viewer, ct);
        return await db.Providers.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .Join(db.Organizations.Where(o => region == null || o.RegionId == region), p => p.OrganizationId, o => o.Id, (p, o) => new ProviderRow(p.Id, p.GivenName, p.FamilyName, p.Profession, o.Id, o.Name, p.Phone, p.Email))
            .ToListAsync(ct);
    }
}
