using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Regional;

/// <summary>The analyst's notes on a category's evidence brief for a quarter, printed with the brief. Organizations only: no patient belongs here.</summary>
public static class SaveBriefNotes
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, TimeProvider clock)
    {
        public async Task<Result<bool>> Handle(Viewer viewer, Quarter quarter, Guid category, string? text, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await RegionalAccess.Of(db, viewer, ct) is not { } region)
            {
                return Result<bool>.Failed([RegionalAccess.Refusal]);
            }

            if (!await db.ServiceCategories.AnyAsync(c => c.Id == category && c.RegionId == region.Id, ct))
            {
                return Result<bool>.Failed("Category", Rules.NotFound, "no such service category in this region");
            }

            var key = quarter.ToString();
            var note = await db.IntegrationBriefNotes.FirstOrDefaultAsync(n => n.RegionId == region.Id && n.CategoryId == category && n.Quarter == key, ct);
            if (note is null)
            {
                note = new IntegrationBriefNote(region.Id, category, key);
                db.IntegrationBriefNotes.Add(note);
            }

            try
            {
                note.Write(text, viewer.UserName, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed([.. e.Violations]);
            }

            await db.SaveChangesAsync(ct);
            await audit.Append(viewer, null, $"Integration evidence brief notes {key}", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return true;
        }
    }
}
