using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Notifications;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Coordination;

/// <summary>The proposed lead declines the hand-off, with a reason.</summary>
public static class DeclineHandOff
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        public async Task<Result<bool>> Handle(Viewer viewer, Guid id, string? reason, CancellationToken ct = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await LeadHandOffs.Answering(db, viewer, id, ct) is not { } handOff)
            {
                return Result<bool>.Failed("HandOff", Rules.NotAllowed, "only the proposed lead answers this hand-off");
            }

            try
            {
                handOff.Decline(reason, viewer.UserName, now);
                var emails = await LeadHandOffs.Tell(db, handOff.PatientId, [handOff.FromProviderId], [], "hand-off-declined", () => (l["HandOff_DeclinedTitle"], handOff.DeclineReason!), $"/patients/{handOff.PatientId}/lead", now, ct);
                await db.SaveChangesAsync(ct);
                await audit.Append(viewer, handOff.PatientId, "Lead hand-off declined", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.ProposedLead, ct);
                await notifier.Send(emails, ct);
                return true;
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }
        }
    }
}
