using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Work;

/// <summary>An action's status (with a note), its referral's status or who is responsible, changed as a new version of the plan.</summary>
public static class UpdateAction
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        public async Task<Guid?> ResponsibleMember(Viewer viewer, PatientId patient, Guid action, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "My work", ct: ct)).Allowed)
            {
                return null;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.PlanActions.Where(a => a.PatientId == patient && a.ActionId == action).Select(a => a.ResponsibleMemberId).FirstOrDefaultAsync(ct);
        }

        /// <summary>The team members an action of this patient's plan can be given to.</summary>
        public async Task<IReadOnlyList<PlanFacts.TeamMember>> Team(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "My work", ct: ct)).Allowed)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return (await PlanFacts.Read(db, patient, Ontario.Today(clock), ct))?.Team.Where(t => t.Kind == CareTeamMemberKind.Provider).ToList() ?? [];
        }

        /// <summary>Changes the action's status (with a note) or who is responsible, as a new plan version; the team member asking must be on the team.</summary>
        public async Task<Result<int>> Handle(Viewer viewer, PatientId patient, Guid actionId, MyWork.Update update, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Action", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<int>.Failed("Patient", Rules.NotAllowed, "only the patient's care team updates the plan's actions");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await PlanEdit.Open(db, patient, viewer.UserName, now, today, ct) is not var (plan, team))
            {
                return Result<int>.Failed("Patient", Rules.NotFound, "no such patient");
            }

            var current = plan.Document.Goals.SelectMany(g => g.Actions).FirstOrDefault(a => a.Id == actionId);
            if (current is null)
            {
                return Result<int>.Failed("Action", Rules.NotFound, "this action is no longer in the plan");
            }

            var emails = new List<Notifier.Email>();
            // A note is signed with the writer's name, as the team knows them, not their sign-in address.
            var writer = viewer.ProviderId is { } me ? await db.Providers.Where(p => p.Id == me).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(ct) : null;
            try
            {
                PlanEdit.Apply(db, plan, team, document => document.Goals.SelectMany(g => g.Actions).Single(a => a.Id == actionId)
                    .Update(update.Status, update.ReferralStatus, update.ReassignTo, update.Note, writer ?? viewer.UserName, today), viewer.UserName, now);
                emails.AddRange(await Tell(db, patient, current, update, team, viewer, now, ct));
                await db.SaveChangesAsync(ct);
            }
            catch (DomainRuleException e)
            {
                return Result<int>.Failed(e.Violations);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<int>.Failed("Version", Rules.PlanChangedByOthers, "someone saved the plan at the same moment; try again");
            }

            await notifier.Send(emails, ct);
            return plan.Version;
        }

        /// <summary>A new owner hears of the action; the lead hears when a referral's loop is closed.</summary>
        private async Task<List<Notifier.Email>> Tell(HealthLinksDb db, PatientId patient, PlanAction before, MyWork.Update update, PlanEdit.Team team, Viewer viewer, DateTime now, CancellationToken ct)
        {
            var members = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.ProviderId != null).Select(m => new { m.Id, m.ProviderId, m.IsLead }).ToListAsync(ct);
            var told = new List<(ProviderId Provider, string Kind, string TitleKey)>();
            if (update.ReassignTo is { } to && to != before.ResponsibleMemberId && members.FirstOrDefault(m => m.Id == to)?.ProviderId is { } newOwner && newOwner != viewer.ProviderId)
            {
                told.Add((newOwner, "action-assigned", "Work_AssignedTitle"));
            }

            if (before.Referral is not null && update.ReferralStatus is ServiceReferralStatus.Completed or ServiceReferralStatus.Declined && update.ReferralStatus != before.Referral.Status)
            {
                var lead = members.Where(m => m.IsLead && team.Members.Any(t => t.Id == m.Id)).Select(m => m.ProviderId).FirstOrDefault();
                if (lead is { } leadProvider && leadProvider != viewer.ProviderId)
                {
                    told.Add((leadProvider, "referral-closed", $"Work_Referral{update.ReferralStatus}Title"));
                }
            }

            var addresses = await Notifier.ProviderEmails(db, patient, told.Select(t => t.Provider).ToList(), OntarioTime.DayOf(now), ct);
            var name = (await db.Patients.Where(p => p.Id == patient).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(ct));
            var emails = new List<Notifier.Email>();
            foreach (var t in told.Where(t => addresses.ContainsKey(t.Provider)))
            {
                emails.Add(await Notifier.Add(db, addresses[t.Provider], t.Kind,
                    () => (l[t.TitleKey], string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Work_NotificationBody"], name, before.What)), "/my-work", now, ct));
            }

            return emails;
        }
    }
}
