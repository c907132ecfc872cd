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

namespace HealthLinks.Features.Conferences;

/// <summary>Records who attended, the notes and the decisions; decisions change the plan as one agreed version.</summary>
public static class RecordConferenceOutcome
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        /// <summary>Attendance, notes and decisions; decisions with an action add it to the plan, in the same transaction, as one version the conference agreed.</summary>
        public async Task<Result<int?>> Handle(Viewer viewer, Guid id, Conferences.OutcomeCommand command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var conference = await db.CareConferences.Include(c => c.Invitees).Include(c => c.Decisions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conference is null)
            {
                return Result<int?>.Failed("Conference", Rules.NotFound, "no such conference");
            }

            if (!(await access.Open(viewer, conference.PatientId, "Care conference outcome", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<int?>.Failed("Patient", Rules.NotAllowed, "only the patient's care team records a conference");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            var violations = new List<RuleViolation>();
            var decisions = new List<(ConferenceDecision Decision, AgreedDecision Agreed)>();
            foreach (var (d, i) in command.Decisions.Select((d, i) => (d, i)))
            {
                try
                {
                    var agreed = d.Agreed();
                    decisions.Add((ConferenceDecision.Agree(agreed), agreed));
                }
                catch (DomainRuleException e)
                {
                    violations.AddRange(e.Violations.Select(v => v with { Field = $"Decisions[{i}].{v.Field}" }));
                }
            }

            if (violations.Count > 0)
            {
                return Result<int?>.Failed(violations);
            }

            var emails = new List<Notifier.Email>();
            try
            {
                int? agreed = null;
                var changes = decisions.Where(d => d.Decision.ActionId is not null || d.Agreed.Achievement is not null).ToList();
                if (changes.Count > 0)
                {
                    if (await PlanEdit.Open(db, conference.PatientId, viewer.UserName, now, today, ct) is not var (plan, team))
                    {
                        return Result<int?>.Failed("Patient", Rules.NotFound, "no such patient");
                    }

                    PlanEdit.Apply(db, plan, team, document => changes.ForEach(c => c.Decision.ApplyTo(document, c.Agreed)), viewer.UserName, now);
                    agreed = plan.Version;
                    emails.AddRange(await TellOwners(db, conference.PatientId, [.. changes.Where(c => c.Decision.ActionId is not null).Select(c => c.Agreed.ResponsibleMemberId!.Value)], viewer, now, ct));
                }

                conference.RecordOutcome(command.Attended, command.Notes, [.. decisions.Select(d => d.Decision)], agreed, viewer.UserName, now);
                await db.SaveChangesAsync(ct);
                await notifier.Send(emails, ct);
                return agreed;
            }
            catch (DomainRuleException e)
            {
                return Result<int?>.Failed(e.Violations);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<int?>.Failed("Version", Rules.PlanChangedByOthers, "someone saved the plan at the same moment; try again");
            }
        }

        private async Task<List<Notifier.Email>> TellOwners(HealthLinksDb db, PatientId patient, List<Guid> memberIds, Viewer viewer, DateTime now, CancellationToken ct)
        {
            var owners = await db.CareTeamMembers.Where(m => memberIds.Contains(m.Id) && m.ProviderId != null && m.ProviderId != viewer.ProviderId).Select(m => m.ProviderId!.Value).Distinct().ToListAsync(ct);
            var addresses = await Notifier.ProviderEmails(db, patient, owners, OntarioTime.DayOf(now), ct);
            var name = await db.Patients.Where(p => p.Id == patient).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(ct);
            return await Notifier.Add(db, addresses.Values, "action-assigned",
                () => (l["Work_AssignedTitle"], string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Conference_ActionsBody"], name)), "/my-work", now, ct);
        }
    }
}
