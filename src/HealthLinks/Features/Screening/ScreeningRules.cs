using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>A Health Link's screening rules: the latest saved version, or the provincial defaults; each save is a new version.</summary>
public static class ScreeningRules
{
    public sealed record Version(int Number, string SavedBy, DateTime SavedAt);

    public sealed record View(ScreeningCriteria Criteria, int Current, IReadOnlyList<Version> History);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<View> Get(Guid healthLinkId, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var sets = await db.ScreeningRuleSets.AsNoTracking().Where(r => r.HealthLinkId == healthLinkId).OrderByDescending(r => r.Version).ToListAsync(ct);
            return new View(sets.FirstOrDefault()?.Criteria ?? ScreeningCriteria.Provincial, sets.FirstOrDefault()?.Version ?? 0,
                sets.Select(s => new Version(s.Version, s.SavedBy, s.SavedAt)).ToList());
        }

        /// <summary>A new version of the Health Link's rules, saved by one of its administrators.</summary>
        public async Task<Result<int>> Save(Infrastructure.Privacy.Viewer viewer, Guid healthLinkId, ScreeningCriteria criteria, CancellationToken ct = default)
        {
            if (!viewer.IsIn(Infrastructure.Auth.Roles.HealthLinkAdmin) || viewer.HealthLinkId != healthLinkId)
            {
                return Result<int>.Failed("HealthLinkId", Rules.NotAllowed, "only the Health Link's administrators change its screening rules");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.HealthLinks.AnyAsync(h => h.Id == healthLinkId, ct))
            {
                return Result<int>.Failed("HealthLinkId", Rules.NotFound, "no such Health Link");
            }

            var next = (await db.ScreeningRuleSets.Where(r => r.HealthLinkId == healthLinkId).MaxAsync(r => (int?)r.Version, ct) ?? 0) + 1;
            try
            {
                db.ScreeningRuleSets.Add(new ScreeningRuleSet(healthLinkId, next, criteria, viewer.UserName, clock.GetUtcNow().UtcDateTime));
            }
            catch (DomainRuleException e)
            {
                return Result<int>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return next;
        }
    }
}
