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

namespace HealthLinks.Features.Conferences;

/// <summary>Schedules a care conference (or records one already held): invitations go by inbox and by email with an .ics.</summary>
public static class ScheduleConference
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, ConferenceMail mail, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        /// <summary>Who can be invited, for the patient's care team only: the team's providers, the patient and their caregivers, each with the email on record (if any).</summary>
        public async Task<List<Conferences.Invitee>> Choices(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Care conference", ct: ct)).Allowed)
            {
                return [];
            }

            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Patients.AsNoTracking().AsSplitQuery().Include(p => p.CareTeam).Include(p => p.RelatedPeople).SingleOrDefaultAsync(p => p.Id == patient, ct);
            if (record is null)
            {
                return [];
            }

            var members = record.CareTeam.Where(m => m.IsActiveOn(today) && m.ProviderId is not null).ToList();
            var ids = members.Select(m => m.ProviderId!.Value).ToList();
            var providers = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var emails = await Notifier.ProviderEmails(db, patient, ids, today, ct);
            var choices = members.Select(m => new Conferences.Invitee
            {
                Kind = InviteeKind.TeamMember,
                MemberId = m.Id,
                Name = $"{providers[m.ProviderId!.Value].DisplayName} ({CareTeams.CareTeam.RoleLabel(l, m.TeamRole, m.Role, m.IsLead)})",
                Email = emails.GetValueOrDefault(m.ProviderId.Value),
                Invited = true,
            }).ToList();
            choices.Add(new Conferences.Invitee { Kind = InviteeKind.Patient, Name = record.DisplayName, Email = record.Email, Invited = true });
            choices.AddRange(record.RelatedPeople.Select(r => new Conferences.Invitee { Kind = InviteeKind.Caregiver, Name = $"{r.DisplayName} ({r.Relationship})", Email = r.Email }));
            return choices;
        }

        public async Task<Result<Guid>> Handle(Viewer viewer, PatientId patient, Conferences.ScheduleCommand command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Care conference", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the patient's care team schedules its conferences");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var organizer = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
            CareConference? conference = null;
            var violations = new List<RuleViolation>();
            try
            {
                conference = new CareConference(patient, Ontario.ToUtc(command.At), command.Minutes, command.Place, command.VideoLink,
                    organizer?.DisplayName is { Length: > 0 } name ? name : viewer.UserName, organizer?.Email ?? viewer.UserName, now, command.AlreadyHeld);
            }
            catch (DomainRuleException e)
            {
                violations.AddRange(e.Violations);
            }

            var invited = command.Invitees.Select((invitee, index) => (invitee, index)).Where(i => i.invitee.Invited).ToList();
            if (invited.Count == 0)
            {
                violations.Add(new RuleViolation("Invitees", Rules.Required, "invite at least one person"));
            }

            foreach (var (invitee, index) in invited)
            {
                try
                {
                    conference?.Invite(invitee.Kind, invitee.Name, invitee.Email, invitee.MemberId);
                }
                catch (DomainRuleException e)
                {
                    violations.AddRange(e.Violations.Select(v => v with { Field = $"Invitees[{index}].{v.Field}" }));
                }
            }

            if (violations.Count > 0 || conference is null)
            {
                return Result<Guid>.Failed(violations);
            }

            db.CareConferences.Add(conference);
            if (!command.AlreadyHeld)
            {
                foreach (var invitee in (await mail.MayBeInvited(db, conference, ct)).Where(i => i.Email is not null))
                {
                    await Notifications.Notifier.Add(db, invitee.Email!, "conference-invitation", () => (l["Conference_InvitationTitle"],
                        string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Conference_InvitationBody"], Languages.DateTime(conference.StartsAt), conference.Place ?? conference.VideoLink)),
                        $"/conferences/{conference.Id}", now, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            if (!command.AlreadyHeld)
            {
                await mail.Send(conference, ct);
            }

            return conference.Id;
        }
    }
}
