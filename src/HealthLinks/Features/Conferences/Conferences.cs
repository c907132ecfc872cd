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

/// <summary>Care conferences: scheduled (or recorded after the fact) by the care team, invitations emailed with an .ics, the outcome recorded into the plan.</summary>
public static class Conferences
{
    /// <summary>Someone who may be invited: from the team, the patient, a caregiver, or a provider outside the team (typed in).</summary>
    public sealed class Invitee
    {
        public InviteeKind Kind { get; set; } = InviteeKind.OutsideProvider;

        public Guid? MemberId { get; set; }

        public string Name { get; set; } = "";

        public string? Email { get; set; }

        public bool Invited { get; set; }
    }

    public sealed class ScheduleCommand
    {
        /// <summary>Ontario wall-clock time.</summary>
        public DateTime At { get; set; }

        public int Minutes { get; set; } = 60;

        public string? Place { get; set; }

        public string? VideoLink { get; set; }

        /// <summary>Recording a conference that already took place: it may be in the past, and no invitations go out.</summary>
        public bool AlreadyHeld { get; set; }

        public List<Invitee> Invitees { get; set; } = [];
    }

    public sealed class Decision
    {
        public string Text { get; set; } = "";

        /// <summary>An existing goal the new action serves; or, with NewGoal, a goal the conference set.</summary>
        public Guid? GoalId { get; set; }

        public string? NewGoal { get; set; }

        /// <summary>Empty when the decision needs no action.</summary>
        public string? Action { get; set; }

        public Guid? ResponsibleMemberId { get; set; }

        public DateOnly? TargetDate { get; set; }

        /// <summary>Where the chosen goal now stands, when the conference reviewed it.</summary>
        public GoalAchievement? Achievement { get; set; }

        public AgreedDecision Agreed() => new(Text, GoalId, NewGoal, Action, ResponsibleMemberId, TargetDate, Achievement);
    }

    public sealed class OutcomeCommand
    {
        public HashSet<Guid> Attended { get; set; } = [];

        public string? Notes { get; set; }

        public List<Decision> Decisions { get; set; } = [];
    }

    public sealed record Summary(Guid Id, PatientId PatientId, string Patient, DateTime StartsAt, int Minutes, string? Place, string? VideoLink, ConferenceStatus Status, int Invited);

    public sealed record Details(CareConference Conference, string Patient, ConferenceAgenda.Agenda Agenda, IReadOnlyList<PlanFacts.TeamMember> Team, IReadOnlyList<Goal> Goals);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        /// <summary>Who can be invited: the team's providers, the patient and their caregivers, each with the email on record (if any).</summary>
        /// <summary>Who may be invited: for the patient's care team only.</summary>
        public async Task<List<Invitee>> Choices(Viewer viewer, PatientId patient, CancellationToken ct = default)
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
            var choices = members.Select(m => new Invitee
            {
                Kind = InviteeKind.TeamMember,
                MemberId = m.Id,
                Name = $"{providers[m.ProviderId!.Value].DisplayName} ({m.Role})",
                Email = emails.GetValueOrDefault(m.ProviderId.Value),
                Invited = true,
            }).ToList();
            choices.Add(new Invitee { Kind = InviteeKind.Patient, Name = record.DisplayName, Email = record.Email, Invited = record.Email is not null });
            choices.AddRange(record.RelatedPeople.Select(r => new Invitee { Kind = InviteeKind.Caregiver, Name = $"{r.DisplayName} ({r.Relationship})", Email = r.Email }));
            return choices;
        }

        public async Task<Result<Guid>> Schedule(Viewer viewer, PatientId patient, ScheduleCommand command, CancellationToken ct = default)
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
                foreach (var invitee in await MayBeInvited(db, conference, ct))
                {
                    db.Notifications.Add(new Notification(invitee.Email, "conference-invitation", l["Conference_InvitationTitle"],
                        string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Conference_InvitationBody"], Languages.DateTime(conference.StartsAt), conference.Place ?? conference.VideoLink),
                        $"/conferences/{conference.Id}", now));
                }
            }

            await db.SaveChangesAsync(ct);
            if (!command.AlreadyHeld)
            {
                await SendInvitations(conference, ct);
            }

            return conference.Id;
        }

        /// <summary>Conferences of the patients this user may list (an invitee off the team has the emailed invitation, which names no patient): upcoming first, then the latest past.</summary>
        public async Task<IReadOnlyList<Summary>> List(Viewer viewer, PatientId? patient = null, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            // The care team's own patients only: that a patient is meeting their team is part of their record, not of their registration.
            var today = Ontario.Today(clock);
            var provider = viewer.ProviderId;
            var mine = db.CareTeamMembers.Where(m => provider != null && m.ProviderId == provider && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)).Select(m => m.PatientId);
            var query = db.CareConferences.Where(c => mine.Contains(c.PatientId));
            if (patient is { } only)
            {
                query = query.Where(c => c.PatientId == only);
            }

            var rows = await query.Join(db.Patients, c => c.PatientId, p => p.Id, (c, p) => new Summary(c.Id, c.PatientId, p.GivenName + " " + p.FamilyName, c.StartsAt, c.Minutes, c.Place, c.VideoLink, c.Status, c.Invitees.Count))
                .ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await access.Listed(viewer, rows.Select(r => r.PatientId), "Conferences", ct);
            return [.. rows.Where(r => r.StartsAt >= now && r.Status == ConferenceStatus.Scheduled).OrderBy(r => r.StartsAt)
                .Concat(rows.Where(r => r.StartsAt < now || r.Status != ConferenceStatus.Scheduled).OrderByDescending(r => r.StartsAt))];
        }

        public async Task<(PatientAccess.Result? Access, PatientId Patient, Details? Details)> Get(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var conference = await db.CareConferences.AsNoTracking().Include(c => c.Invitees).Include(c => c.Decisions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conference is null)
            {
                return (null, default, null);
            }

            var gate = await access.Open(viewer, conference.PatientId, "Care conference", AuditAction.View, AccessScope.Record, ct);
            if (!gate.Allowed)
            {
                return (gate, conference.PatientId, null);
            }

            var today = Ontario.Today(clock);
            var name = await db.Patients.Where(p => p.Id == conference.PatientId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(ct);
            var team = (await PlanFacts.Read(db, conference.PatientId, today, ct))?.Team ?? [];
            var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == conference.PatientId, ct);
            var agenda = await ConferenceAgenda.Build(db, conference, today, gate.Withheld, ct);
            return (gate, conference.PatientId, new Details(conference, name, agenda, team, plan?.Document.Goals ?? []));
        }

        /// <summary>Attendance, notes and decisions; decisions with an action add it to the plan, in the same transaction, as one version the conference agreed.</summary>
        public async Task<Result<int?>> RecordOutcome(Viewer viewer, Guid id, OutcomeCommand command, CancellationToken ct = default)
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

        /// <summary>Cancels a scheduled conference; every invitee gets a calendar cancellation that removes it from their calendar.</summary>
        public async Task<Result<bool>> Cancel(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var conference = await db.CareConferences.Include(c => c.Invitees).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conference is null)
            {
                return Result<bool>.Failed("Conference", Rules.NotFound, "no such conference");
            }

            if (!(await access.Open(viewer, conference.PatientId, "Care conference", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<bool>.Failed("Patient", Rules.NotAllowed, "only the patient's care team cancels a conference");
            }

            try
            {
                conference.Cancel(viewer.UserName, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            await SendInvitations(conference, ct);
            return true;
        }

        private async Task<List<Notifier.Email>> TellOwners(HealthLinksDb db, PatientId patient, List<Guid> memberIds, Viewer viewer, DateTime now, CancellationToken ct)
        {
            var owners = await db.CareTeamMembers.Where(m => memberIds.Contains(m.Id) && m.ProviderId != null && m.ProviderId != viewer.ProviderId).Select(m => m.ProviderId!.Value).Distinct().ToListAsync(ct);
            var addresses = await Notifier.ProviderEmails(db, patient, owners, OntarioTime.DayOf(now), ct);
            var name = await db.Patients.Where(p => p.Id == patient).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(ct);
            return [.. addresses.Values.Select(address => Notifier.Add(db, address, "action-assigned", l["Work_AssignedTitle"],
                string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Conference_ActionsBody"], name), "/my-work", l["Work_AssignedTitle"], now))];
        }

        /// <summary>The invitees who may hear of this patient: a team member the patient withheld the whole record from is not told.</summary>
        private async Task<IReadOnlyList<ConferenceInvitee>> MayBeInvited(HealthLinksDb db, CareConference conference, CancellationToken ct)
        {
            var memberIds = conference.Invitees.Where(i => i.MemberId != null).Select(i => i.MemberId!.Value).ToList();
            var members = await db.CareTeamMembers.Where(m => memberIds.Contains(m.Id) && m.ProviderId != null).ToDictionaryAsync(m => m.Id, m => m.ProviderId!.Value, ct);
            var told = (await DirectiveAudiences.MayBeTold(db, conference.PatientId, members.Values.ToList(), Ontario.Today(clock), ct)).ToHashSet();
            return [.. conference.Invitees.Where(i => i.MemberId is not { } m || !members.TryGetValue(m, out var provider) || told.Contains(provider))];
        }

        /// <summary>The invitation (or, once cancelled, the cancellation) to every invitee who may hear of the patient.</summary>
        private async Task SendInvitations(CareConference conference, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            foreach (var invitee in await MayBeInvited(db, conference, ct))
            {
                await notifier.Deliver(ConferenceInvitation.Email(conference, invitee, notifier.Site), ct);
            }
        }
    }
}
