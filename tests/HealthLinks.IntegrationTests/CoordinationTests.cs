using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Conferences;
using HealthLinks.Features.Coordination;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Features.Reminders;
using HealthLinks.Features.Work;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Ical.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace HealthLinks.IntegrationTests;

/// <summary>A clock the test sets: the reminder jobs and My work run "days later" without waiting.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>Steps 3 to 6 of the model of care: My work over the action index, reminders, care conferences, hand-offs and the episode.</summary>
public abstract class CoordinationTests(AppFixture app) : AppTests(app)
{
    private static DateOnly Today => Ontario.Today(TimeProvider.System);

    /// <summary>A patient whose lead and nurse both have accounts, and a plan with an action for the nurse and a referral she receives.</summary>
    private async Task<Team> TeamWithPlan()
    {
        var (patient, _, nurseMember) = await app.PatientWithTeam();
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        ProviderId nurseProvider;
        Guid leadMember;
        await using (var db = app.NewDb())
        {
            nurseProvider = await db.CareTeamMembers.Where(m => m.Id == nurseMember).Select(m => m.ProviderId!.Value).SingleAsync();
            leadMember = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.Id).SingleAsync();
        }

        var nurse = await app.ViewerOf(await app.NewUser(Roles.Provider, provider: nurseProvider));
        var task = new PlanAction { What = "Teach insulin pen use", ResponsibleMemberId = nurseMember, TargetDate = Today.AddDays(3), Status = ActionStatus.Accepted };
        var referral = new PlanAction
        {
            What = "Home care nursing twice a week",
            ResponsibleMemberId = nurseMember,
            TargetDate = Today.AddDays(30),
            Referral = new ServiceReferral { Service = "Home care nursing" },
        };
        var document = new CarePlanDocument { Goals = [new Goal { InMyWords = "Stay at home safely", Actions = [task, referral] }] };
        var saved = await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, lead.UserName));
        Assert.True(saved.Saved, string.Join("; ", saved.Violations));
        return new Team(patient, lead, nurse, nurseProvider, nurseMember, leadMember, task.Id, referral.Id);
    }

    private sealed record Team(PatientId Patient, Viewer Lead, Viewer Nurse, ProviderId NurseProvider, Guid NurseMember, Guid LeadMember, Guid Task, Guid Referral);

    private MyWork.Handler WorkAt(TimeProvider clock) =>
        new(app.Get<IDbContextFactory<HealthLinksDb>>(), app.Get<PatientAccess>(), clock);

    private ReminderJobs JobsAt(TimeProvider clock, int graceDays = 7, int referralDays = 5) => new(
        app.Get<IDbContextFactory<HealthLinksDb>>(),
        app.Get<Notifier>(),
        new Features.Patients.GetMyCaseload.Handler(app.Get<IDbContextFactory<HealthLinksDb>>(), app.Get<Features.Privacy.PatientAccess>(), clock),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reminders:ActionGraceDays"] = $"{graceDays}", ["Reminders:ReferralDays"] = $"{referralDays}" }).Build(),
        clock,
        app.Get<IStringLocalizer<Strings>>());

    private async Task<int> Inbox(string email, string kind)
    {
        await using var db = app.NewDb();
        var key = Notification.KeyOf(email);
        return await db.Notifications.CountAsync(n => n.RecipientKey == key && n.Kind == kind);
    }

    [Fact]
    public async Task TheActionIndex_FollowsEverySave_AndMyWork_ListsOverdueFirst()
    {
        var team = await TeamWithPlan();
        await using (var db = app.NewDb())
        {
            var entries = await db.PlanActions.Where(a => a.PatientId == team.Patient).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.Equal(ServiceReferralStatus.Sent, entries.Single(e => e.ActionId == team.Referral).ReferralStatus);
        }

        // Ten days on, the task (due in 3 days) is overdue and comes first; the referral (due in 30) after it.
        var later = new TestClock(DateTimeOffset.UtcNow.AddDays(10));
        var rows = await WorkAt(later).List(team.NurseProvider);
        Assert.Equal([team.Task, team.Referral], rows.Select(r => r.ActionId));
        Assert.True(rows[0].IsOverdue(Ontario.Today(later)));
        Assert.Empty(await WorkAt(later).List(team.Lead.ProviderId!.Value));
        Assert.Equal(1, await WorkAt(later).Overdue(team.NurseProvider));
    }

    [Fact]
    public async Task MyWork_UpdatesWithANote_Reassigns_AndClosesAReferralsLoop_EachAsAPlanVersion()
    {
        var team = await TeamWithPlan();
        var work = app.Get<MyWork.Handler>();

        // Cancelling without a note is refused, and the plan is as it was.
        var refused = await app.Get<UpdateAction.Handler>().Handle(team.Nurse, team.Patient, team.Task, new MyWork.Update { Status = ActionStatus.Cancelled });
        Assert.Equal(("Note", Rules.Required), (refused.Violations[0].Field, refused.Violations[0].Code));
        Assert.Equal(1, await PlanVersion(team.Patient));

        var changed = await app.Get<UpdateAction.Handler>().Handle(team.Nurse, team.Patient, team.Task, new MyWork.Update { Status = ActionStatus.InProgress, Note = "First visit booked", ReassignTo = team.NurseMember });
        Assert.True(changed.Succeeded, string.Join("; ", changed.Violations));
        Assert.Equal(2, changed.Value);
        var action = (await Plan(team.Patient)).Goals[0].Actions.Single(a => a.Id == team.Task);
        Assert.Equal(ActionStatus.InProgress, action.Status);
        Assert.Contains("First visit booked", action.Notes, StringComparison.Ordinal);
        Assert.DoesNotContain(team.Nurse.UserName, action.Notes, StringComparison.OrdinalIgnoreCase); // signed with the nurse's name, not her sign-in

        // Reassigned to the lead: it leaves the nurse's work, reaches the lead's, and the lead is told.
        Assert.True((await app.Get<UpdateAction.Handler>().Handle(team.Nurse, team.Patient, team.Task, new MyWork.Update { Status = ActionStatus.InProgress, ReassignTo = team.LeadMember })).Succeeded);
        Assert.DoesNotContain(await work.List(team.NurseProvider), r => r.ActionId == team.Task);
        Assert.Contains(await work.List(team.Lead.ProviderId!.Value), r => r.ActionId == team.Task);
        Assert.Equal(1, await Inbox(team.Lead.UserName, "action-assigned"));

        // The receiving partner completes the referral: the action is done, off My work, and the lead hears the loop closed.
        Assert.True((await app.Get<UpdateAction.Handler>().Handle(team.Nurse, team.Patient, team.Referral, new MyWork.Update { ReferralStatus = ServiceReferralStatus.Completed })).Succeeded);
        var referral = (await Plan(team.Patient)).Goals[0].Actions.Single(a => a.Id == team.Referral);
        Assert.Equal((ActionStatus.Done, ServiceReferralStatus.Completed), (referral.Status, referral.Referral!.Status));
        Assert.Empty(await work.List(team.NurseProvider));
        Assert.Equal(1, await Inbox(team.Lead.UserName, "referral-closed"));

        var outsider = await app.ViewerOf(await app.OutsideProvider());
        Assert.Equal(Rules.NotAllowed, (await app.Get<UpdateAction.Handler>().Handle(outsider, team.Patient, team.Task, new MyWork.Update { Status = ActionStatus.Done })).Violations[0].Code);
        Assert.Equal(4, await PlanVersion(team.Patient));
    }

    [Fact]
    public async Task AnOverdueAction_IsEscalatedToTheLead_Once_AfterTheGracePeriod()
    {
        var team = await TeamWithPlan();
        var clock = new TestClock(DateTimeOffset.UtcNow.AddDays(9)); // six days past the target: within the 7-day grace
        var jobs = JobsAt(clock);
        await jobs.Run(ReminderJobs.OverdueActions);
        Assert.Equal(0, await Inbox(team.Lead.UserName, "action-overdue"));

        // Other tests' patients share the database, so counts are this lead's; a repeat run sends nothing to anyone.
        clock.Now = DateTimeOffset.UtcNow.AddDays(11);
        Assert.True(await jobs.Run(ReminderJobs.OverdueActions) >= 1);
        Assert.Equal(1, await Inbox(team.Lead.UserName, "action-overdue"));
        Assert.Equal(0, await jobs.Run(ReminderJobs.OverdueActions)); // the same moment again
        clock.Now = clock.Now.AddDays(1);
        Assert.Equal(0, await jobs.Run(ReminderJobs.OverdueActions)); // and the next day
        Assert.Equal(1, await Inbox(team.Lead.UserName, "action-overdue"));
        Assert.Single(Emails(team.Lead.UserName), m => m.Subject?.Contains("overdue", StringComparison.Ordinal) == true);

        // An email carries no personal health information: no patient name, no action.
        var email = Emails(team.Lead.UserName).Single(m => m.Subject?.Contains("overdue", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("Tremblay", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("insulin", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverdueContact_RemindsTheLead_OncePerLapse()
    {
        var team = await TeamWithPlan();
        var lead = team.Lead;
        var due = Assert.Single(await app.Get<Features.Patients.GetMyCaseload.Handler>().Handle(lead)).NextContactDue;
        var clock = new TestClock(new DateTimeOffset(Ontario.ToUtc(due.ToDateTime(new TimeOnly(12, 0))), TimeSpan.Zero));
        var jobs = JobsAt(clock);
        Assert.Equal(0, await jobs.Run(ReminderJobs.OverdueContacts)); // due today is not overdue

        clock.Now = clock.Now.AddDays(1);
        Assert.True(await jobs.Run(ReminderJobs.OverdueContacts) >= 1);
        Assert.Equal(0, await jobs.Run(ReminderJobs.OverdueContacts)); // the same lapse again
        clock.Now = clock.Now.AddDays(3);
        Assert.Equal(0, await jobs.Run(ReminderJobs.OverdueContacts)); // still the same lapse
        Assert.Equal(1, await Inbox(team.Lead.UserName, "contact-overdue"));
        var email = Emails(team.Lead.UserName).Single(m => m.Subject?.Contains("due for a contact", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("Tremblay", email.TextBody, StringComparison.Ordinal);

        // A contact starts a new cadence: nothing until that one lapses.
        Assert.True((await app.Get<Features.Contacts.ContactLog.Handler>().Record(lead, team.Patient, new Features.Contacts.ContactLog.Command
        {
            At = Ontario.ToWallClock(DateTime.UtcNow).AddMinutes(-5),
            Kind = ContactKind.Phone,
            With = "The patient",
            Summary = "Doing well.",
            Change = ConditionChange.Same,
        })).Succeeded);
        Assert.Equal(0, await jobs.Run(ReminderJobs.OverdueContacts));
    }

    [Fact]
    public async Task AStaleReferral_RemindsTheReceivingPartner_AfterTheConfiguredDays_AndAgainAfterTheNextSilence()
    {
        var team = await TeamWithPlan();
        var clock = new TestClock(DateTimeOffset.UtcNow.AddDays(2));
        var jobs = JobsAt(clock, referralDays: 3);
        await jobs.Run(ReminderJobs.StaleReferrals);
        Assert.Equal(0, await Inbox(team.Nurse.UserName, "referral-stale"));

        clock.Now = DateTimeOffset.UtcNow.AddDays(4);
        Assert.True(await jobs.Run(ReminderJobs.StaleReferrals) >= 1);
        Assert.Equal(0, await jobs.Run(ReminderJobs.StaleReferrals));
        Assert.Equal(1, await Inbox(team.Nurse.UserName, "referral-stale"));

        // The partner accepts it: the count restarts from that update.
        Assert.True((await app.Get<UpdateAction.Handler>().Handle(team.Nurse, team.Patient, team.Referral, new MyWork.Update { ReferralStatus = ServiceReferralStatus.Accepted })).Succeeded);
        clock.Now = DateTimeOffset.UtcNow.AddDays(2);
        await jobs.Run(ReminderJobs.StaleReferrals);
        Assert.Equal(1, await Inbox(team.Nurse.UserName, "referral-stale"));
        clock.Now = DateTimeOffset.UtcNow.AddDays(4);
        await jobs.Run(ReminderJobs.StaleReferrals);
        Assert.Equal(2, await Inbox(team.Nurse.UserName, "referral-stale"));
    }

    [Fact]
    public async Task AConferenceInvitation_CarriesAnIcs_InTorontoTime_WithOrganizerAttendeesAndPlace()
    {
        var team = await TeamWithPlan();
        var choices = await app.Get<ScheduleConference.Handler>().Choices(team.Lead, team.Patient);
        choices.Add(new Conferences.Invitee { Kind = InviteeKind.OutsideProvider, Name = "Dr. Olga Outside", Email = "olga.outside@example.org", Invited = true });
        var day = Today.AddDays(10);
        var command = new Conferences.ScheduleCommand { At = day.ToDateTime(new TimeOnly(14, 0)), Minutes = 45, Place = "Cornwall Community Hospital, room 2", Invitees = choices };
        var scheduled = await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, command);
        Assert.True(scheduled.Succeeded, string.Join("; ", scheduled.Violations));

        var message = Assert.Single(Emails("olga.outside@example.org"));
        var calendar = Ics(message);
        Assert.Equal("REQUEST", calendar.Method);
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal("America/Toronto", meeting.Start!.TzId);
        Assert.Equal((day.Year, day.Month, day.Day, 14, 0), (meeting.Start.Year, meeting.Start.Month, meeting.Start.Day, meeting.Start.Hour, meeting.Start.Minute));
        Assert.Equal(Ontario.ToUtc(day.ToDateTime(new TimeOnly(14, 0))), meeting.Start.AsUtc);
        Assert.Equal(45, (int)(meeting.End!.AsUtc - meeting.Start.AsUtc).TotalMinutes);
        Assert.Equal($"mailto:{team.Lead.UserName}", meeting.Organizer!.Value!.ToString());
        Assert.Equal(
            new[] { team.Lead.UserName, team.Nurse.UserName, "olga.outside@example.org" }.Order(StringComparer.OrdinalIgnoreCase),
            meeting.Attendees.Select(a => a.Value!.ToString()["mailto:".Length..]).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal("Cornwall Community Hospital, room 2", meeting.Location);
        Assert.DoesNotContain("Tremblay", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await Inbox(team.Nurse.UserName, "conference-invitation"));

        // Cancelled: the same meeting (same UID, a later sequence) comes back as a cancellation, and cannot be cancelled twice.
        Assert.True((await app.Get<CancelConference.Handler>().Handle(team.Lead, scheduled.Value)).Succeeded);
        var cancel = Emails("olga.outside@example.org").Select(Ics).Single(c => c.Method == "CANCEL").Events.Single();
        Assert.Equal((meeting.Uid, meeting.Sequence + 1, "CANCELLED"), (cancel.Uid, cancel.Sequence, cancel.Status));
        Assert.Equal(Rules.AlreadyRecorded, (await app.Get<CancelConference.Handler>().Handle(team.Lead, scheduled.Value)).Violations[0].Code);
    }

    private static Calendar Ics(MimeKit.MimeMessage message)
    {
        var part = message.Attachments.OfType<MimeKit.MimePart>().Single(a => a.FileName == "invite.ics");
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
    }

    [Fact]
    public async Task AConferenceInThePast_OrAnInviteeWithoutEmail_IsRefused_AndNothingIsStoredOrSent()
    {
        var team = await TeamWithPlan();
        var choices = await app.Get<ScheduleConference.Handler>().Choices(team.Lead, team.Patient);
        var past = await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(-1), Place = "Room 2", Invitees = choices });
        Assert.Equal(("StartsAt", Rules.ConferenceInPast), (past.Violations[0].Field, past.Violations[0].Code));

        choices.Add(new Conferences.Invitee { Kind = InviteeKind.OutsideProvider, Name = "Dr. No Email", Invited = true });
        var noEmail = await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(3), Place = "Room 2", Invitees = choices });
        var violation = Assert.Single(noEmail.Violations);
        Assert.Equal(($"Invitees[{choices.Count - 1}].Email", Rules.InviteeEmailNeeded), (violation.Field, violation.Code));

        var neither = await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(3), Invitees = choices[..1] });
        Assert.Equal(Rules.PlaceOrLinkNeeded, Assert.Single(neither.Violations).Code);

        await using var db = app.NewDb();
        Assert.False(await db.CareConferences.AnyAsync(c => c.PatientId == team.Patient));
        Assert.Empty(Emails(team.Nurse.UserName));
    }

    [Fact]
    public async Task APatientWithoutEmail_IsInvitedByPhone_AndOneHeldAlreadyNeedsNoAddress_AndADateYearsAwayIsRefusedAtItsField()
    {
        var team = await TeamWithPlan();
        var schedule = app.Get<ScheduleConference.Handler>();
        var choices = await schedule.Choices(team.Lead, team.Patient);
        var patientOnly = choices.Where(c => c.Kind == InviteeKind.Patient).ToList();
        Assert.True(patientOnly.Single().Invited);
        Assert.Null(patientOnly.Single().Email);

        var called = await schedule.Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(2), Place = "Room 4", Invitees = patientOnly });
        Assert.True(called.Succeeded, string.Join("; ", called.Violations));
        Assert.Null(Assert.Single((await app.Get<GetConference.Handler>().Handle(team.Lead, called.Value)).Details!.Conference.Invitees).Email);

        // Recorded after the fact with the patient and an outside provider who has no address: nothing is sent, so nothing is needed.
        var held = await schedule.Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand
        {
            At = Ontario.ToWallClock(DateTime.UtcNow).AddHours(-3),
            AlreadyHeld = true,
            Place = "Home visit",
            Invitees = [.. patientOnly, new Conferences.Invitee { Kind = InviteeKind.OutsideProvider, Name = "Dr. Paper Chart", Invited = true }],
        });
        Assert.True(held.Succeeded, string.Join("; ", held.Violations));

        foreach (var far in new[] { new DateTime(9999, 12, 31, 10, 0, 0), Ontario.ToWallClock(DateTime.UtcNow).AddYears(2) })
        {
            var refused = await schedule.Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = far, Place = "Room 4", Invitees = choices });
            Assert.Equal(("StartsAt", Rules.OutOfRange), (refused.Violations[0].Field, refused.Violations[0].Code));
        }
    }

    [Fact]
    public async Task RecordingAConference_AddsItsDecisionsToThePlan_AsTheAgreedVersion_AndIntoTheOwnersWork()
    {
        var team = await TeamWithPlan();
        var choices = await app.Get<ScheduleConference.Handler>().Choices(team.Lead, team.Patient);
        var held = await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand
        {
            At = Ontario.ToWallClock(DateTime.UtcNow).AddHours(-2),
            AlreadyHeld = true,
            VideoLink = "https://meet.example.org/conference",
            Invitees = choices,
        });
        Assert.True(held.Succeeded, string.Join("; ", held.Violations));
        Assert.Empty(Emails(team.Nurse.UserName)); // a conference recorded after the fact sends no invitations

        var (_, _, details) = await app.Get<GetConference.Handler>().Handle(team.Lead, held.Value);
        Assert.Equal(2, details!.Agenda.Actions.Count);
        var nurseInvitee = details.Conference.Invitees.Single(i => i.MemberId == team.NurseMember).Id;
        var missing = await app.Get<RecordConferenceOutcome.Handler>().Handle(team.Lead, held.Value, new Conferences.OutcomeCommand { Decisions = [new() { Text = "Check feet daily", Action = "Foot check at each visit" }] });
        Assert.Equal(["Decisions[0].GoalId", "Decisions[0].ResponsibleMemberId"], missing.Violations.Select(v => v.Field));
        Assert.Equal(1, await PlanVersion(team.Patient));

        var recorded = await app.Get<RecordConferenceOutcome.Handler>().Handle(team.Lead, held.Value, new Conferences.OutcomeCommand
        {
            Attended = [nurseInvitee],
            Notes = "Daughter joined by phone.",
            Decisions =
            [
                new() { Text = "Protect his feet", NewGoal = "Keep my feet healthy", Action = "Foot check at each visit", ResponsibleMemberId = team.NurseMember, TargetDate = Today.AddDays(14) },
                new() { Text = "Insulin teaching is going well", GoalId = details.Goals[0].Id, Achievement = GoalAchievement.Improving },
                new() { Text = "Review again in a month" },
            ],
        });
        Assert.True(recorded.Succeeded, string.Join("; ", recorded.Violations));
        Assert.Equal(2, recorded.Value);
        (_, _, details) = await app.Get<GetConference.Handler>().Handle(team.Lead, held.Value);
        Assert.Equal((ConferenceStatus.Held, (int?)2), (details!.Conference.Status, details.Conference.AgreedPlanVersion));
        Assert.Equal([true, false, false], details.Conference.Invitees.OrderBy(i => i.Id != nurseInvitee).Select(i => i.Attended == true)); // the nurse came; the lead and the patient (invited by phone) did not
        var plan = await Plan(team.Patient);
        Assert.Contains(plan.Goals, g => g.InMyWords == "Keep my feet healthy" && g.Actions.Single().What == "Foot check at each visit");
        Assert.Equal(GoalAchievement.Improving, plan.Goals.Single(g => g.InMyWords == "Stay at home safely").Achievement);
        Assert.Contains(await app.Get<MyWork.Handler>().List(team.NurseProvider), r => r.What == "Foot check at each visit");

        var again = await app.Get<RecordConferenceOutcome.Handler>().Handle(team.Lead, held.Value, new Conferences.OutcomeCommand());
        Assert.Equal(Rules.AlreadyRecorded, again.Violations[0].Code);

        // Someone off the team who has the conference's address sees nothing of it, and the refusal is audited.
        var outsider = await app.OutsideProvider(Roles.CareCoordinator);
        var response = await (await WebTests.SignedInClient(app, outsider)).GetAsync(new Uri($"/conferences/{held.Value}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Keep my feet healthy", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tremblay", body, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == team.Patient && e.What == "Care conference" && e.Outcome == Domain.Privacy.AuditOutcome.Refused));
    }

    [Fact]
    public async Task AWarmHandOff_KeepsBothOnTheTeamUntilTheChangeover_AndEveryStepInTheHistory()
    {
        var team = await TeamWithPlan();
        var handOffs = app.Get<LeadHandOffs.Handler>();
        var next = await app.ViewerOf(await app.OutsideProvider(Roles.CareCoordinator));
        var changeover = Today.AddDays(14);

        // Refused: to the lead themself, to no provider, without a note, and by someone who is not the lead.
        Assert.Equal(Rules.AlreadyLead, (await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = team.Lead.ProviderId, Note = "Moving on", ChangeoverOn = changeover })).Violations[0].Code);
        Assert.Equal(Rules.NotAProvider, (await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = ProviderId.New(), Note = "Moving on", ChangeoverOn = changeover })).Violations[0].Code);
        Assert.Equal(("Note", Rules.Required), ((await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, ChangeoverOn = changeover })).Violations[0] is var v ? (v.Field, v.Code) : default));
        Assert.Equal(Rules.NotAllowed, (await app.Get<ProposeHandOff.Handler>().Handle(team.Nurse, team.Patient, new() { ToProviderId = next.ProviderId, Note = "x", ChangeoverOn = changeover })).Violations[0].Code);
        Assert.Empty(await handOffs.History(team.Lead, team.Patient));

        var proposed = await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, Note = "Lives alone; daughter calls Sundays.", ChangeoverOn = changeover });
        Assert.True(proposed.Succeeded, string.Join("; ", proposed.Violations));
        Assert.Equal(1, await Inbox(next.UserName, "hand-off-proposed"));
        Assert.Single(await handOffs.Waiting(next));
        Assert.Equal(Rules.HandOffPending, (await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, Note = "again", ChangeoverOn = changeover })).Violations[0].Code);
        Assert.Equal(Rules.NotAllowed, (await app.Get<AcceptHandOff.Handler>().Handle(team.Nurse, proposed.Value)).Violations[0].Code);

        var accepted = await app.Get<AcceptHandOff.Handler>().Handle(next, proposed.Value);
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Violations));
        await using (var db = app.NewDb())
        {
            var patient = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == team.Patient);
            Assert.Equal(team.Lead.ProviderId, patient.LeadOn(Today)!.ProviderId);
            Assert.Contains(patient.CareTeam, m => m.ProviderId == next.ProviderId && m.IsActiveOn(Today) && !m.IsLead); // the overlap
            Assert.Equal(next.ProviderId, patient.LeadOn(changeover)!.ProviderId);
            Assert.DoesNotContain(patient.CareTeam, m => m.ProviderId == team.Lead.ProviderId && m.IsActiveOn(changeover));
        }

        Assert.True((await app.Get<PatientAccess>().Open(next, team.Patient, "test")).SeesRecord); // on the team now
        var history = Assert.Single(await handOffs.History(team.Lead, team.Patient));
        Assert.Equal((HandOffStatus.Accepted, team.Lead.UserName, next.UserName), (history.Status, history.ProposedBy, history.RespondedBy));
        Assert.Equal(1, await Inbox(team.Nurse.UserName, "lead-change"));
        Assert.Equal(Rules.AlreadyAnswered, (await app.Get<DeclineHandOff.Handler>().Handle(next, proposed.Value, "changed my mind")).Violations[0].Code);
    }

    [Fact]
    public async Task DecliningAHandOff_NeedsAReason_AndLeavesTheLeadAsItWas()
    {
        var team = await TeamWithPlan();
        var handOffs = app.Get<LeadHandOffs.Handler>();
        var next = await app.ViewerOf(await app.OutsideProvider(Roles.CareCoordinator));
        var proposed = await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, Note = "Please take over.", ChangeoverOn = Today });
        Assert.Equal(("DeclineReason", Rules.Required), (await app.Get<DeclineHandOff.Handler>().Handle(next, proposed.Value, " ")).Violations[0] is var v ? (v.Field, v.Code) : default);
        Assert.True((await app.Get<DeclineHandOff.Handler>().Handle(next, proposed.Value, "My caseload is full.")).Succeeded);
        Assert.Equal(1, await Inbox(team.Lead.UserName, "hand-off-declined"));
        Assert.Equal(team.Lead.ProviderId, (await handOffs.Lead(team.Lead, team.Patient))!.Value.Provider);
        Assert.Equal((HandOffStatus.Declined, "My caseload is full."), (await handOffs.History(team.Lead, team.Patient)) is [var h] ? (h.Status, h.DeclineReason) : default);
    }

    [Fact]
    public async Task TheAgenda_NamesAHospitalVisitInTheReadersWords_AndLeavesNoEmptyPart()
    {
        var team = await TeamWithPlan();
        await using (var db = app.NewDb())
        {
            db.Add(new Encounter(team.Patient, EncounterKind.EmergencyVisit, DateTime.UtcNow.AddDays(-5), null, null, null, "test"));
            await db.SaveChangesAsync();
        }

        var schedule = app.Get<ScheduleConference.Handler>();
        var id = (await schedule.Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(2), Place = "Room 5", Invitees = await schedule.Choices(team.Lead, team.Patient) })).Value;
        var page = await (await WebTests.SignedInClient(app, team.Lead.UserName)).GetStringAsync(new Uri($"/conferences/{id}", UriKind.Relative));
        Assert.Contains("Emergency visit", page, StringComparison.Ordinal);
        Assert.DoesNotContain("EmergencyVisit", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" · </li>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheChangeover_TheNewLead_TakesOverTheFormerLeadsOpenActions_InOneVersion()
    {
        var team = await TeamWithPlan();
        Assert.True((await app.Get<UpdateAction.Handler>().Handle(team.Lead, team.Patient, team.Task, new MyWork.Update { Status = ActionStatus.InProgress, ReassignTo = team.LeadMember })).Succeeded);
        var next = await app.ViewerOf(await app.OutsideProvider(Roles.CareCoordinator));
        var proposed = await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, Note = "Moving to another team.", ChangeoverOn = Today });
        Assert.True((await app.Get<AcceptHandOff.Handler>().Handle(next, proposed.Value)).Succeeded);

        var takeOver = app.Get<TakeOverLeadActions.Handler>();
        Assert.Equal(1, await takeOver.Waiting(next, team.Patient));
        Assert.Equal(Rules.NotAllowed, (await takeOver.Handle(team.Lead, team.Patient)).Violations[0].Code);
        Assert.Equal(Rules.NotAllowed, (await takeOver.Handle(team.Nurse, team.Patient)).Violations[0].Code);
        var before = await PlanVersion(team.Patient);

        var moved = await takeOver.Handle(next, team.Patient);
        Assert.Equal(1, moved.Value);
        Assert.Equal(before + 1, await PlanVersion(team.Patient));
        Assert.Equal(0, await takeOver.Waiting(next, team.Patient));
        Assert.Contains(await app.Get<MyWork.Handler>().List(next.ProviderId!.Value), r => r.ActionId == team.Task);
    }

    [Fact]
    public async Task TheLeadWhoProposed_TakesAHandOffBack_AndNoOneElseCan()
    {
        var team = await TeamWithPlan();
        var next = await app.ViewerOf(await app.OutsideProvider(Roles.CareCoordinator));
        var proposed = await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, Note = "Please take over.", ChangeoverOn = Today.AddDays(7) });
        var withdraw = app.Get<WithdrawHandOff.Handler>();
        Assert.Equal(Rules.NotAllowed, (await withdraw.Handle(next, proposed.Value)).Violations[0].Code);
        Assert.Equal(Rules.NotAllowed, (await withdraw.Handle(team.Nurse, proposed.Value)).Violations[0].Code);

        Assert.True((await withdraw.Handle(team.Lead, proposed.Value)).Succeeded);
        Assert.Equal(1, await Inbox(next.UserName, "hand-off-withdrawn"));
        Assert.Equal(Rules.AlreadyAnswered, (await app.Get<AcceptHandOff.Handler>().Handle(next, proposed.Value)).Violations[0].Code);
        Assert.Equal(HandOffStatus.Withdrawn, Assert.Single(await app.Get<LeadHandOffs.Handler>().History(team.Lead, team.Patient)).Status);
        Assert.True((await app.Get<ProposeHandOff.Handler>().Handle(team.Lead, team.Patient, new() { ToProviderId = next.ProviderId, Note = "Again, later.", ChangeoverOn = Today.AddDays(14) })).Succeeded);
    }

    [Fact]
    public async Task TheEpisode_StepsDown_ReActivates_AndClosesOnlyWithAReason()
    {
        var team = await TeamWithPlan();
        await using (var db = app.NewDb())
        {
            var patient = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).SingleAsync(p => p.Id == team.Patient);
            var episode = patient.Identify(app.HealthLinkId, IdentificationSource.Referral, "test", DateTime.UtcNow.AddDays(-20), null);
            episode.MoveTo(EnrollmentStatus.Invited, "test", DateTime.UtcNow.AddDays(-19), null);
            episode.MoveTo(EnrollmentStatus.Enrolled, "test", DateTime.UtcNow.AddDays(-18), null);
            episode.MoveTo(EnrollmentStatus.Active, "test", DateTime.UtcNow.AddDays(-17), null);
            await db.SaveChangesAsync();
        }

        var episodes = app.Get<Episode.Handler>();
        Assert.Equal(EnrollmentStatus.SteppedDown, (await episodes.Change(team.Lead, team.Patient, new() { Step = Episode.Step.StepDown, Note = "Stable" })).Value);
        Assert.Equal(ContactCadence.Monthly, (await episodes.Current(team.Lead, team.Patient)).Cadence);
        Assert.Equal(EnrollmentStatus.Active, (await episodes.Change(team.Lead, team.Patient, new() { Step = Episode.Step.Reactivate })).Value);
        Assert.Null((await episodes.Current(team.Lead, team.Patient)).Cadence);

        var noReason = await episodes.Change(team.Lead, team.Patient, new() { Step = Episode.Step.Close });
        Assert.Equal(("ClosingReason", Rules.ClosingReasonRequired), (noReason.Violations[0].Field, noReason.Violations[0].Code));
        Assert.Equal(EnrollmentStatus.Active, (await episodes.Current(team.Lead, team.Patient)).Status);
        Assert.Equal(EnrollmentStatus.Closed, (await episodes.Change(team.Lead, team.Patient, new() { Step = Episode.Step.Close, ClosingReason = ClosingReason.GoalsMet })).Value);
        Assert.Null((await episodes.Current(team.Lead, team.Patient)).Status);
    }

    private async Task Directive(PatientId patient, WithheldParts parts, ProviderId from)
    {
        await using var db = app.NewDb();
        db.ConsentDirectives.Add(new Domain.Privacy.ConsentDirective(patient, parts, DirectiveAudience.Provider, from, null, AgreementGivenBy.Patient, "The patient", "lead", DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AWholeRecordDirective_AgainstTheNurse_KeepsThePatientOutOfHerWork_RemindersAndInvitations_NotTheLeads()
    {
        var team = await TeamWithPlan();
        await Directive(team.Patient, WithheldParts.WholeRecord, team.NurseProvider);

        var later = new TestClock(DateTimeOffset.UtcNow.AddDays(10));
        Assert.DoesNotContain(await WorkAt(later).List(team.NurseProvider), r => r.PatientId == team.Patient);
        Assert.Equal(0, await WorkAt(later).Overdue(team.NurseProvider));

        // The stale referral she receives is not brought to her attention either.
        await JobsAt(new TestClock(DateTimeOffset.UtcNow.AddDays(6)), referralDays: 3).Run(ReminderJobs.StaleReferrals);
        Assert.Equal(0, await Inbox(team.Nurse.UserName, "referral-stale"));

        // A conference invitation goes to the rest of the team, not to her, by inbox or email.
        var choices = await app.Get<ScheduleConference.Handler>().Choices(team.Lead, team.Patient);
        var nurseChoice = choices.Single(c => c.MemberId == team.NurseMember);
        (nurseChoice.Invited, nurseChoice.Email) = (true, team.Nurse.UserName);
        var scheduled = await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(3), Place = "Room 1", Invitees = choices });
        Assert.True(scheduled.Succeeded, string.Join("; ", scheduled.Violations));
        Assert.Equal(0, await Inbox(team.Nurse.UserName, "conference-invitation"));
        Assert.Empty(Emails(team.Nurse.UserName));
        Assert.Equal(1, await Inbox(team.Lead.UserName, "conference-invitation"));

        // She cannot open the conference either; the lead sees it with its agenda.
        Assert.Null((await app.Get<GetConference.Handler>().Handle(team.Nurse, scheduled.Value)).Details);
        Assert.NotNull((await app.Get<GetConference.Handler>().Handle(team.Lead, scheduled.Value)).Details);
    }

    [Fact]
    public async Task AMentalHealthDirective_HidesLinkedGoalsActionsAndMedications_AndTheAgendasFreeText_FromTheNurseOnly()
    {
        var team = await TeamWithPlan();
        var plan = await Plan(team.Patient);
        var drinking = new HealthIssue { InMyWords = "My drinking", System = CodeSystem.Icd10Ca, Code = "F10.2", Display = "Alcohol dependence" };
        plan.HealthIssues.Add(drinking);
        plan.Goals.Add(new Goal
        {
            InMyWords = "Reduce my drinking",
            HealthIssueId = drinking.Id,
            Actions = [new PlanAction { What = "Connect me with addiction services", ResponsibleMemberId = team.NurseMember, TargetDate = Today.AddDays(5) }],
        });
        plan.Medications.Add(new Medication { Name = "Sertraline", Purpose = "Mood", WithheldAs = WithheldParts.MentalHealthAndAddictions });
        var saved = await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(team.Patient, 1, plan, team.Lead.UserName));
        Assert.True(saved.Saved, string.Join("; ", saved.Violations));
        await using (var db = app.NewDb())
        {
            db.PatientContacts.Add(new PatientContact(team.Patient, DateTime.UtcNow.AddDays(-1), ContactKind.Phone, "Patient", "Relapsed after a week sober", ConditionChange.Worse, null, "lead", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await Directive(team.Patient, WithheldParts.MentalHealthAndAddictions, team.NurseProvider);

        var nurseWork = await app.Get<MyWork.Handler>().List(team.NurseProvider);
        Assert.DoesNotContain(nurseWork, r => r.What.Contains("addiction", StringComparison.Ordinal));
        Assert.Contains(nurseWork, r => r.ActionId == team.Task);

        var nursePlan = Withholding.Apply(await Plan(team.Patient), WithheldParts.MentalHealthAndAddictions);
        Assert.DoesNotContain(nursePlan.Goals, g => g.InMyWords.Contains("drinking", StringComparison.Ordinal));
        Assert.DoesNotContain(nursePlan.Medications, m => m.Name == "Sertraline");
        Assert.Contains(nursePlan.Goals, g => g.InMyWords == "Stay at home safely");
        var choices = await app.Get<ScheduleConference.Handler>().Choices(team.Lead, team.Patient);
        var id = (await app.Get<ScheduleConference.Handler>().Handle(team.Lead, team.Patient, new Conferences.ScheduleCommand { At = Ontario.ToWallClock(DateTime.UtcNow).AddDays(2), Place = "Room 3", Invitees = choices })).Value;
        var forNurse = (await app.Get<GetConference.Handler>().Handle(team.Nurse, id)).Details!.Agenda;
        Assert.DoesNotContain(forNurse.Actions, a => a.What.Contains("addiction", StringComparison.Ordinal));
        Assert.DoesNotContain(forNurse.Changes, c => c.What.Contains("sober", StringComparison.Ordinal));
        Assert.DoesNotContain(forNurse.GoalsToReview, g => g.Goal.Contains("drinking", StringComparison.Ordinal));
        var forLead = (await app.Get<GetConference.Handler>().Handle(team.Lead, id)).Details!.Agenda;
        Assert.Contains(forLead.Actions, a => a.What.Contains("addiction", StringComparison.Ordinal));
        Assert.Contains(forLead.Changes, c => c.What.Contains("sober", StringComparison.Ordinal));
    }

    private async Task<int> PlanVersion(PatientId patient)
    {
        await using var db = app.NewDb();
        return await db.CarePlans.Where(p => p.PatientId == patient).Select(p => p.Version).SingleAsync();
    }

    private async Task<CarePlanDocument> Plan(PatientId patient)
    {
        await using var db = app.NewDb();
        return (await db.CarePlans.AsNoTracking().SingleAsync(p => p.PatientId == patient)).Document;
    }

    private List<MimeKit.MimeMessage> Emails(string to) =>
        Directory.Exists(app.Outbox)
            ? [.. Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))]
            : [];
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCoordinationTests(SqliteApp app) : CoordinationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCoordinationTests(PostgresApp app) : CoordinationTests(app);
