using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Regional;

/// <summary>
/// A regional analyst imports a quarterly services.csv or performance.csv: every row checked first (categories must be
/// the region's; organizations are matched by name to the directory, or added to it), then all of it stored in one
/// transaction, or, when any row is wrong, none of it. A row already stored with the same figures is left alone, so
/// importing a file again changes nothing; different figures replace the stored ones (a corrected file).
/// </summary>
public static class ImportServices
{
    public sealed record Summary(ServiceFiles.Kind Kind, int Rows, int Added, int Changed, int Unchanged, int OrganizationsAdded, IReadOnlyList<string> Quarters);

    /// <summary>What happened: a summary, or the file's problems (the first <see cref="ServiceFiles.MaxProblemsListed"/>) and how many there were.</summary>
    public sealed record Outcome(Summary? Summary, IReadOnlyList<ServiceFiles.Problem> Problems, int ProblemCount)
    {
        public bool Stored => Summary is not null;
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit)
    {
        public async Task<Result<Outcome>> Handle(Viewer viewer, Stream file, string fileName, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await RegionalAccess.Of(db, viewer, ct) is not { } region)
            {
                return Result<Outcome>.Failed([RegionalAccess.Refusal]);
            }

            ServiceFiles.Contents contents;
            using (var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true))
            {
                contents = ServiceFiles.Read(reader);
            }

            var categories = await RegionalData.Categories(db, region.Id, ct);
            var problems = contents.Problems.ToList();
            var rows = contents.Services.Select(r => (r.Row, r.Category)).Concat(contents.Performance.Select(r => (r.Row, r.Category)));
            problems.AddRange(rows.Where(r => !categories.ContainsKey(ServiceFiles.Fold(r.Category))).Select(r => new ServiceFiles.Problem(r.Row, "service_category", "UnknownCategory", r.Category)));
            if (problems.Count > 0 || contents.Kind is not { } kind)
            {
                return new Outcome(null, [.. problems.OrderBy(p => p.Row).Take(ServiceFiles.MaxProblemsListed)], problems.Count);
            }

            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var organizations = await db.Organizations.Where(o => o.RegionId == region.Id).ToListAsync(ct);
            var byName = organizations.GroupBy(o => ServiceFiles.Fold(o.Name)).ToDictionary(g => g.Key, g => g.First().Id);
            var added = 0;
            Guid OrganizationId(string name)
            {
                if (!byName.TryGetValue(ServiceFiles.Fold(name), out var id))
                {
                    var organization = new Organization(region.Id, name, OrganizationKind.CommunitySupport);
                    db.Organizations.Add(organization);
                    byName[ServiceFiles.Fold(name)] = id = organization.Id;
                    added++;
                }

                return id;
            }

            var quarters = contents.Services.Select(r => r.Quarter.ToString()).Concat(contents.Performance.Select(r => r.Quarter.ToString())).Distinct().Order(StringComparer.Ordinal).ToList();
            var counts = kind == ServiceFiles.Kind.Services
                ? await StoreServices(db, region.Id, quarters, contents.Services, categories, OrganizationId, ct)
                : await StorePerformance(db, region.Id, quarters, contents.Performance, categories, OrganizationId, ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            var summary = new Summary(kind, counts.Added + counts.Changed + counts.Unchanged, counts.Added, counts.Changed, counts.Unchanged, added, quarters);
            await audit.Append(viewer, null, $"Imported {(kind == ServiceFiles.Kind.Services ? "services" : "performance")} file ({summary.Rows} rows, {summary.Added} added, {summary.Changed} changed)", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return new Outcome(summary, [], 0);
        }

        private static async Task<(int Added, int Changed, int Unchanged)> StoreServices(HealthLinksDb db, Guid region, List<string> quarters, IReadOnlyList<ServiceFiles.ServiceRow> rows, IReadOnlyDictionary<string, ServiceCategory> categories, Func<string, Guid> organization, CancellationToken ct)
        {
            var stored = (await db.ServiceVolumes.Where(v => v.RegionId == region && quarters.Contains(v.Quarter)).ToListAsync(ct))
                .ToDictionary(v => (v.Quarter, v.OrganizationId, v.CategoryId));
            var (added, changed) = (0, 0);
            foreach (var row in rows)
            {
                var key = (Quarter: row.Quarter.ToString(), OrganizationId: organization(row.Organization), CategoryId: categories[ServiceFiles.Fold(row.Category)].Id);
                if (!stored.TryGetValue(key, out var volume))
                {
                    volume = new ServiceVolume(region, key.Quarter, key.OrganizationId, key.CategoryId);
                    db.ServiceVolumes.Add(volume);
                    stored[key] = volume;
                    added++;
                    volume.Set(row.Funding, row.Individuals, row.Visits);
                }
                else if (volume.Set(row.Funding, row.Individuals, row.Visits))
                {
                    changed++;
                }
            }

            return (added, changed, rows.Count - added - changed);
        }

        private static async Task<(int Added, int Changed, int Unchanged)> StorePerformance(HealthLinksDb db, Guid region, List<string> quarters, IReadOnlyList<ServiceFiles.PerformanceRow> rows, IReadOnlyDictionary<string, ServiceCategory> categories, Func<string, Guid> organization, CancellationToken ct)
        {
            var stored = (await db.ServicePerformances.Where(p => p.RegionId == region && quarters.Contains(p.Quarter)).ToListAsync(ct))
                .ToDictionary(p => (p.Quarter, p.OrganizationId, p.CategoryId, ServiceFiles.Fold(p.Indicator)));
            var (added, changed) = (0, 0);
            foreach (var row in rows)
            {
                var key = (Quarter: row.Quarter.ToString(), OrganizationId: organization(row.Organization), CategoryId: categories[ServiceFiles.Fold(row.Category)].Id, Indicator: ServiceFiles.Fold(row.Indicator));
                if (!stored.TryGetValue(key, out var performance))
                {
                    performance = new ServicePerformance(region, key.Quarter, key.OrganizationId, key.CategoryId, row.Indicator);
                    db.ServicePerformances.Add(performance);
                    stored[key] = performance;
                    added++;
                    performance.Set(row.Actual, row.Target, row.Lower, row.Upper);
                }
                else if (performance.Set(row.Actual, row.Target, row.Lower, row.Upper))
                {
                    changed++;
                }
            }

            return (added, changed, rows.Count - added - changed);
        }
    }
}
