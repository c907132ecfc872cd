using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Notifications;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Coordination;

/// <summary>The proposed lead accepts the hand-off.</summary>
public static class AcceptHandOff
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        /// <summary>The proposed lead accepts: they join the team now, and the lead role passes on the changeover day. The patient and the team are told.</summary>
        public async Task<Result<DateOnly>> Handle(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await LeadHandOffs.Answering(db, viewer, id, ct) is not { } handOff)
            {
                return Result<DateOnly>.Failed("HandOff", Rules.NotAllowed, "only the proposed lead answers this hand-off");
            }

            var patient = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == handOff.PatientId, ct);
            try
            {
                handOff.Accept(viewer.UserName, now, today);
                var changeover = handOff.ChangeoverOn;
                patient.HandOverLead(handOff.ToProviderId, changeover, today);
                var team = patient.CareTeam.Where(m => m.IsActiveOn(today) && m.ProviderId is not null).Select(m => m.ProviderId!.Value).Distinct().ToList();
                // The patient hears it at the email of their own account, and at the one on their record.
                var patientEmails = await db.Users.Where(u => u.PatientId == patient.Id && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
                if (patient.Email is { } recorded)
                {
                    patientEmails.Add(recorded);
                }

                var emails = await LeadHandOffs.Tell(db, patient.Id, team, patientEmails, "lead-change",
                    () => (l["HandOff_AcceptedTitle"], string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOff_AcceptedBody"], patient.DisplayName, Languages.Date(changeover))), $"/patients/{patient.Id}", now, ct);
                await db.SaveChangesAsync(ct);
                await audit.Append(viewer, patient.Id, "Lead hand-off accepted", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.ProposedLead, ct);
                await notifier.Send(emails, ct);
                return changeover;
            }
            catch (DomainRuleException e)
            {
                return Result<DateOnly>.Failed(e.Violations);
            }
        }
    }
}
