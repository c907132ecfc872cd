using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Regional;

/// <summary>
/// The integration opportunities of the analyst's region for a quarter (the latest with figures when none is asked):
/// the analysis, and for each category the providers that share the most patients (natural partners) and the
/// referrals plans made to it, counted over the quarter and the three before it, counts of 1 to 4 withheld.
/// </summary>
public static class IntegrationOpportunities
{
    /// <summary>Two providers of a category and the patients both served; <see cref="Patients"/> null when 1 to 4 (withheld).</summary>
    public sealed record Partners(string First, string Second, int? Patients);

    /// <summary>Referrals from plans to the category's services; a null count is withheld (1 to 4, or one that would reveal one).</summary>
    public sealed record Referrals(int? Total, int? Accepted, int? Declined, int? Waiting);

    public sealed record Report(string Region, IReadOnlyList<Quarter> QuartersWithData, IntegrationAnalysis.Result Analysis, IReadOnlyDictionary<Guid, IReadOnlyList<Partners>> Partners, IReadOnlyDictionary<Guid, Referrals> Referrals);

    /// <summary>One category's evidence brief: its part of the report, with the analyst's notes.</summary>
    public sealed record Brief(Report Report, IntegrationAnalysis.Opportunity Opportunity, string Notes);

    /// <summary>Partners listed per category.</summary>
    public const int PartnersListed = 5;

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, TimeProvider clock)
    {
        public async Task<Result<Report>> Handle(Viewer viewer, Quarter? quarter, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await RegionalAccess.Of(db, viewer, ct) is not { } region)
            {
                return Result<Report>.Failed([RegionalAccess.Refusal]);
            }

            var report = await Build(db, region, quarter, ct);
            await audit.Append(viewer, null, $"Integration opportunities {report.Analysis.Quarter}", AuditAction.View, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return report;
        }

        public async Task<Result<Brief>> Brief(Viewer viewer, Quarter? quarter, Guid category, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await RegionalAccess.Of(db, viewer, ct) is not { } region)
            {
                return Result<Brief>.Failed([RegionalAccess.Refusal]);
            }

            var report = await Build(db, region, quarter, ct);
            if (report.Analysis.Opportunities.FirstOrDefault(o => o.Category.Id == category) is not { } opportunity)
            {
                return Result<Brief>.Failed("Category", Rules.NotFound, "this category has no figures for the quarter");
            }

            var key = report.Analysis.Quarter.ToString();
            var notes = await db.IntegrationBriefNotes.Where(n => n.RegionId == region.Id && n.CategoryId == category && n.Quarter == key).Select(n => n.Text).FirstOrDefaultAsync(ct);
            await audit.Append(viewer, null, $"Integration evidence brief {key}: {opportunity.Category.Name}", AuditAction.View, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return new Brief(report, opportunity, notes ?? "");
        }

        private async Task<Report> Build(HealthLinksDb db, RegionalAccess.Region region, Quarter? asked, CancellationToken ct)
        {
            var withData = (await db.ServiceVolumes.AsNoTracking().Where(v => v.RegionId == region.Id).Select(v => v.Quarter).Distinct().ToListAsync(ct))
                .Select(q => Quarter.TryParse(q, out var parsed) ? parsed : default).Where(q => q != default).OrderBy(q => q.ToString(), StringComparer.Ordinal).ToList();
            var quarter = asked ?? (withData.Count > 0 ? withData[^1] : Quarter.LastCompleteOn(Ontario.Today(clock)));
            var window = quarter.WithPreviousFour().Skip(1).ToList();
            var analysis = IntegrationAnalysis.Analyse(await RegionalData.Load(db, region.Id, window, ct), quarter);

            var (from, to) = (window[0].FirstDay, quarter.LastDay);
            var providers = analysis.Opportunities.ToDictionary(o => o.Category.Id, o => o.Funnels[0].Points.Select(p => (p.Organization, p.Name)).Concat(o.Funnels[1].Points.Select(p => (p.Organization, p.Name))).Distinct().ToList());
            var shared = await RegionalData.SharedPatients(db, [.. providers.Values.SelectMany(p => p.Select(x => x.Organization)).Distinct()], from, to, ct);
            var partners = providers.ToDictionary(p => p.Key, p => PartnersOf(p.Value, shared));
            var referrals = await RegionalData.Referrals(db, region.Id, from, to, ct);
            var counted = analysis.Opportunities.ToDictionary(o => o.Category.Id, o => ReferralsOf(o.Category, providers[o.Category.Id].Select(p => p.Name), referrals));
            return new Report(region.Name, withData, analysis, partners, counted);
        }

        private static IReadOnlyList<Partners> PartnersOf(IReadOnlyList<(Guid Organization, string Name)> providers, IReadOnlyDictionary<(Guid, Guid), int> shared)
        {
            var pairs = new List<(string First, string Second, int Count)>();
            foreach (var a in providers)
            {
                foreach (var b in providers.Where(b => a.Organization.CompareTo(b.Organization) < 0))
                {
                    if (shared.GetValueOrDefault((a.Organization, b.Organization)) is > 0 and var count)
                    {
                        pairs.Add(string.CompareOrdinal(a.Name, b.Name) <= 0 ? (a.Name, b.Name, count) : (b.Name, a.Name, count));
                    }
                }
            }

            return [.. pairs.OrderByDescending(p => p.Count).ThenBy(p => p.First, StringComparer.Ordinal).Take(PartnersListed)
                .Select(p => new Partners(p.First, p.Second, Suppression.IsSmall(p.Count) ? null : p.Count))];
        }

        private static Referrals ReferralsOf(IntegrationAnalysis.Category category, IEnumerable<string> providers, IReadOnlyList<(string Service, ServiceReferralStatus Status)> referrals)
        {
            var names = providers.Select(ServiceFiles.Fold).Append(ServiceFiles.Fold(category.Name)).ToList();
            var mine = referrals.Where(r => ServiceFiles.Fold(r.Service) is var service && names.Any(n => service.Contains(n, StringComparison.Ordinal))).ToList();
            var cells = new Dictionary<string, Figure>
            {
                ["Total"] = new(mine.Count, FigureKind.Count, mine.Count),
                ["Accepted"] = new(mine.Count(r => r.Status is ServiceReferralStatus.Accepted or ServiceReferralStatus.Booked or ServiceReferralStatus.Completed), FigureKind.Count, 0),
                ["Declined"] = new(mine.Count(r => r.Status == ServiceReferralStatus.Declined), FigureKind.Count, 0),
                ["Waiting"] = new(mine.Count(r => r.Status == ServiceReferralStatus.Sent), FigureKind.Count, 0),
            };
            var withheld = Suppression.Apply(cells, [("Total", ["Accepted", "Declined", "Waiting"])]);
            int? Cell(string name) => withheld.Contains(name) ? null : (int)cells[name].Value!.Value;
            return new Referrals(Cell("Total"), Cell("Accepted"), Cell("Declined"), Cell("Waiting"));
        }
    }
}
