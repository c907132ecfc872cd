using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Coordination;

/// <summary>The lead who proposed a hand-off takes it back before it is answered; the proposed lead is told.</summary>
public static class WithdrawHandOff
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        public async Task<Result<bool>> Handle(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var handOff = await db.LeadHandOffs.SingleOrDefaultAsync(h => h.Id == id, ct);
            if (handOff is null || handOff.FromProviderId != viewer.ProviderId
                || !(await access.Open(viewer, handOff.PatientId, "Lead hand-off", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<bool>.Failed("HandOff", Rules.NotAllowed, "only the lead who proposed this hand-off takes it back");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                handOff.Withdraw(viewer.UserName, now);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            var emails = await LeadHandOffs.Tell(db, handOff.PatientId, [handOff.ToProviderId], [], "hand-off-withdrawn", () => (l["HandOff_WithdrawnTitle"], l["HandOff_WithdrawnBody"]), "/hand-offs", now, ct);
            await db.SaveChangesAsync(ct);
            await notifier.Send(emails, ct);
            return true;
        }
    }
}
