using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Coordination;

/// <summary>The current lead proposes who takes over.</summary>
public static class ProposeHandOff
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        /// <summary>The current lead proposes a provider to take over, with a note and the changeover day.</summary>
        public async Task<Result<Guid>> Handle(Viewer viewer, PatientId patient, LeadHandOffs.ProposeCommand command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Lead hand-off", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the patient's care team hands off the lead");
            }

            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var lead = await LeadHandOffs.LeadOf(db, patient, today, ct);
            if (lead is null || lead.Value.Provider != viewer.ProviderId)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the current lead care coordinator proposes a hand-off");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var to = command.ToProviderId is { } id ? await db.Providers.SingleOrDefaultAsync(p => p.Id == id, ct) : null;
            if (to is null)
            {
                return Result<Guid>.Failed(nameof(LeadHandOffs.ProposeCommand.ToProviderId), Rules.NotAProvider, "choose a provider from the directory");
            }

            if (await db.LeadHandOffs.AnyAsync(h => h.PatientId == patient && h.Status == HandOffStatus.Proposed, ct))
            {
                return Result<Guid>.Failed(nameof(LeadHandOffs.ProposeCommand.ToProviderId), Rules.HandOffPending, "a hand-off is already waiting for an answer");
            }

            try
            {
                var handOff = new LeadHandOff(patient, lead.Value.Provider, to.Id, command.Note, command.ChangeoverOn, viewer.UserName, now, today);
                db.LeadHandOffs.Add(handOff);
                var emails = await LeadHandOffs.Tell(db, patient, [to.Id], [], "hand-off-proposed", () => (l["HandOff_ProposedTitle"], string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOff_ProposedBody"], lead.Value.Name)), "/hand-offs", now, ct);
                await db.SaveChangesAsync(ct);
                await notifier.Send(emails, ct);
                return handOff.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
