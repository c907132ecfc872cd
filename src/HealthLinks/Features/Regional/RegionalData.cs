using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Reports;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Regional;

/// <summary>What regional planning reads from the store: the region's categories and service figures, and what the product already knows (shared patients, referrals from plans), as counts only.</summary>
internal static class RegionalData
{
    /// <summary>The region's categories by folded name and code; the nine named ones are added the first time a region is looked at.</summary>
    public static async Task<IReadOnlyDictionary<string, ServiceCategory>> Categories(HealthLinksDb db, Guid region, CancellationToken ct)
    {
        var categories = await db.ServiceCategories.Where(c => c.RegionId == region).ToListAsync(ct);
        var missing = ServiceCategory.Named.Where(n => !categories.Any(c => c.Code == n.Code || ServiceFiles.Fold(c.Name) == ServiceFiles.Fold(n.Name))).ToList();
        if (missing.Count > 0)
        {
            await using var adding = await db.Database.BeginTransactionAsync(ct);
            var added = missing.Select(n => new ServiceCategory(region, n.Name, n.Code)).ToList();
            db.ServiceCategories.AddRange(added);
            try
            {
                await db.SaveChangesAsync(ct);
                await adding.CommitAsync(ct);
                categories.AddRange(added);
            }
            catch (DbUpdateException)
            {
                // Another request added them at the same moment: read theirs.
                await adding.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                categories = await db.ServiceCategories.Where(c => c.RegionId == region).ToListAsync(ct);
            }
        }

        var byKey = new Dictionary<string, ServiceCategory>();
        foreach (var c in categories)
        {
            byKey.TryAdd(ServiceFiles.Fold(c.Name), c);
            if (c.Code is not null)
            {
                byKey.TryAdd(ServiceFiles.Fold(c.Code), c);
            }
        }

        return byKey;
    }

    public static async Task<IntegrationAnalysis.Data> Load(HealthLinksDb db, Guid region, IReadOnlyList<Quarter> quarters, CancellationToken ct)
    {
        var names = quarters.Select(q => q.ToString()).ToList();
        var categories = (await Categories(db, region, ct)).Values.Distinct().Select(c => new IntegrationAnalysis.Category(c.Id, c.Name, c.Code)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var volumes = await db.ServiceVolumes.AsNoTracking().Where(v => v.RegionId == region && names.Contains(v.Quarter))
            .Select(v => new { v.Quarter, v.OrganizationId, v.CategoryId, v.Funding, v.IndividualsServed, v.Visits }).ToListAsync(ct);
        var indicators = await db.ServicePerformances.AsNoTracking().Where(p => p.RegionId == region && names.Contains(p.Quarter))
            .Select(p => new { p.Quarter, p.OrganizationId, p.CategoryId, p.Indicator, p.Actual, p.Target, p.LowerLimit, p.UpperLimit }).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.RegionId == region).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        static Quarter Parse(string text) => Quarter.TryParse(text, out var q) ? q : default;
        return new(
            categories,
            organizations,
            [.. volumes.Select(v => new IntegrationAnalysis.Volume(Parse(v.Quarter), v.OrganizationId, v.CategoryId, (double)v.Funding, v.IndividualsServed, v.Visits))],
            [.. indicators.Select(i => new IntegrationAnalysis.Indicator(Parse(i.Quarter), i.OrganizationId, i.CategoryId, i.Indicator, i.Actual, i.Target, i.LowerLimit, i.UpperLimit))]);
    }

    /// <summary>
    /// For each pair of the organizations given, how many patients both served between the two days: on the patient's
    /// care team (a member from either organization) or as an encounter's facility.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(Guid, Guid), int>> SharedPatients(HealthLinksDb db, IReadOnlyCollection<Guid> organizations, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var ids = organizations.ToList();
        var (start, end) = (OntarioTime.StartOfDay(first), OntarioTime.StartOfDay(last.AddDays(1)));
        var onTeams = await (from m in db.CareTeamMembers.AsNoTracking()
                             join p in db.Providers.AsNoTracking() on m.ProviderId equals p.Id
                             where ids.Contains(p.OrganizationId) && m.JoinedOn <= last && (m.LeftOn == null || m.LeftOn >= first)
                             select new { m.PatientId, p.OrganizationId }).Distinct().ToListAsync(ct);
        var visited = await db.Encounters.AsNoTracking()
            .Where(e => e.FacilityId != null && ids.Contains(e.FacilityId.Value) && e.Start >= start && e.Start < end)
            .Select(e => new { e.PatientId, OrganizationId = e.FacilityId!.Value }).Distinct().ToListAsync(ct);

        var pairs = new Dictionary<(Guid, Guid), int>();
        foreach (var patient in onTeams.Concat(visited).GroupBy(x => x.PatientId))
        {
            var served = patient.Select(x => x.OrganizationId).Distinct().Order().ToList();
            for (var i = 0; i < served.Count; i++)
            {
                for (var j = i + 1; j < served.Count; j++)
                {
                    pairs[(served[i], served[j])] = pairs.GetValueOrDefault((served[i], served[j])) + 1;
                }
            }
        }

        return pairs;
    }

    /// <summary>Referrals from coordinated care plans of the region's patients whose service names the category or one of its providers, by where they stand.</summary>
    public static async Task<IReadOnlyList<(string Service, ServiceReferralStatus Status)>> Referrals(HealthLinksDb db, Guid region, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var (start, end) = (OntarioTime.StartOfDay(first), OntarioTime.StartOfDay(last.AddDays(1)));
        var rows = await (from a in db.PlanActions.AsNoTracking()
                          join p in db.Patients.AsNoTracking() on a.PatientId equals p.Id
                          join h in db.HealthLinks.AsNoTracking() on p.HealthLinkId equals h.Id
                          where h.RegionId == region && a.ReferralService != null && a.ReferralStatus != null && a.UpdatedAt >= start && a.UpdatedAt < end
                          select new { a.ReferralService, a.ReferralStatus }).ToListAsync(ct);
        return [.. rows.Select(r => (r.ReferralService!, r.ReferralStatus!.Value))];
    }
}
