using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>A referral declined, with the reason, by the Health Link it reached.</summary>
public static class DeclineReferral
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<Result<Guid>> Handle(Infrastructure.Privacy.Viewer viewer, Guid referralId, string reason, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var referral = await Referrals.Reviewable(db, viewer, referralId, ct);
            if (referral is null)
            {
                return Result<Guid>.Failed("ReferralId", Rules.NotFound, "no such referral");
            }

            try
            {
                referral.Decline(reason, viewer.UserName, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return referral.Id;
        }
    }
}
