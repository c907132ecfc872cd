using HealthLinks.Domain;
using HealthLinks.Features.Coordination;

namespace HealthLinks.Tests.Domain;

/// <summary>The rules of care conferences, hand-offs, referrals to services and the action index, without a database.</summary>
public sealed class CoordinationRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    private static CareConference Conference(DateTime startsAt, bool alreadyHeld = false, string? place = "Room 2", string? link = null, int minutes = 60) =>
        new(PatientId.New(), startsAt, minutes, place, link, "Lucie Lavoie", "lucie@example.org", Now, alreadyHeld);

    private static string[] Codes(Action act) => [.. Assert.Throws<DomainRuleException>(act).Violations.Select(v => v.Code)];

    [Fact]
    public void AConference_InThePast_IsRefused_UnlessRecordedAsHeld_AndOneHeldCannotBeInTheFuture()
    {
        Assert.Equal([Rules.ConferenceInPast], Codes(() => Conference(Now.AddHours(-1))));
        Assert.Equal(ConferenceStatus.Scheduled, Conference(Now.AddHours(-1), alreadyHeld: true).Status);
        Assert.Equal([Rules.DateInFuture], Codes(() => Conference(Now.AddHours(1), alreadyHeld: true)));
    }

    [Fact]
    public void AConference_NeedsAPlaceOrAnHttpsLink_AndASensibleLength()
    {
        Assert.Equal([Rules.PlaceOrLinkNeeded], Codes(() => Conference(Now.AddDays(1), place: null)));
        Assert.Equal([Rules.InvalidLink], Codes(() => Conference(Now.AddDays(1), place: null, link: "http://meet.example.org/x")));
        Assert.Equal([Rules.OutOfRange], Codes(() => Conference(Now.AddDays(1), minutes: 5)));
        Assert.Equal("https://meet.example.org/x", Conference(Now.AddDays(1), place: null, link: "https://meet.example.org/x").VideoLink);
    }

    [Fact]
    public void AProviderInvitee_NeedsAnEmail_ThePatientAndCaregiversMayBeCalled_AndEachIsInvitedOnce()
    {
        var conference = Conference(Now.AddDays(1));
        Assert.Equal([Rules.InviteeEmailNeeded], Codes(() => conference.Invite(InviteeKind.OutsideProvider, "Dr. Paper", null, null)));
        Assert.Null(conference.Invite(InviteeKind.Caregiver, "Sophie Tremblay", null, null).Email);
        Assert.Null(Conference(Now.AddDays(-1), alreadyHeld: true).Invite(InviteeKind.OutsideProvider, "Dr. Paper", null, null).Email);
        Assert.Equal([Rules.InvalidEmail], Codes(() => conference.Invite(InviteeKind.OutsideProvider, "Dr. Typo", "typo@", null)));
        conference.Invite(InviteeKind.OutsideProvider, "Dr. Olga Outside", "olga@example.org", null);
        Assert.Equal([Rules.AlreadyInvited], Codes(() => conference.Invite(InviteeKind.OutsideProvider, "Olga again", "OLGA@example.org", null)));
        Assert.Equal(2, conference.Invitees.Count);
    }

    [Fact]
    public void TheOutcome_IsRecordedOnce_AfterTheConferenceStarted()
    {
        var conference = Conference(Now.AddDays(1));
        var invitee = conference.Invite(InviteeKind.TeamMember, "Nora Nguyen", "nora@example.org", Guid.NewGuid());
        Assert.Equal([Rules.NotYetHeld], Codes(() => conference.RecordOutcome(new HashSet<Guid>(), null, [], null, "lucie", Now)));
        conference.RecordOutcome(new HashSet<Guid> { invitee.Id }, "Notes", [new ConferenceDecision("Meet again in a month", null, null)], 3, "lucie", Now.AddDays(1).AddHours(1));
        Assert.Equal((ConferenceStatus.Held, (int?)3, (bool?)true), (conference.Status, conference.AgreedPlanVersion, invitee.Attended));
        Assert.Equal([Rules.AlreadyRecorded], Codes(() => conference.RecordOutcome(new HashSet<Guid>(), null, [], null, "lucie", Now.AddDays(2))));
    }

    [Fact]
    public void AHandOff_GoesToSomeoneElse_WithANote_ByAChangeoverNotPast_AndIsAnsweredOnce()
    {
        var today = DateOnly.FromDateTime(Now);
        var (from, to) = (ProviderId.New(), ProviderId.New());
        Assert.Equal([Rules.AlreadyLead], Codes(() => _ = new LeadHandOff(PatientId.New(), from, from, "note", today, "lucie", Now, today)));
        Assert.Equal([Rules.Required, Rules.DateInPast], Codes(() => _ = new LeadHandOff(PatientId.New(), from, to, " ", today.AddDays(-1), "lucie", Now, today)));
        Assert.Equal([Rules.OutOfRange], Codes(() => _ = new LeadHandOff(PatientId.New(), from, to, "note", today.AddDays(LeadHandOff.MaxOverlapDays + 1), "lucie", Now, today)));

        var handOff = new LeadHandOff(PatientId.New(), from, to, "Lives alone", today.AddDays(2), "lucie", Now, today);
        Assert.Equal([Rules.Required], Codes(() => handOff.Decline("", "nina", Now)));
        handOff.Accept("nina", Now.AddDays(5), today.AddDays(5)); // accepted after the changeover: it moves to that day
        Assert.Equal((HandOffStatus.Accepted, today.AddDays(5)), (handOff.Status, handOff.ChangeoverOn));
        Assert.Equal([Rules.AlreadyAnswered], Codes(() => handOff.Withdraw("lucie", Now)));
    }

    [Fact]
    public void AReferral_NamesItsService()
    {
        var member = Guid.NewGuid();
        var document = new CarePlanDocument { Goals = [new Goal { InMyWords = "Stay home", Actions = [new PlanAction { What = "Refer", ResponsibleMemberId = member, Referral = new ServiceReferral { Service = " " } }] }] };
        var violation = Assert.Single(Assert.Throws<DomainRuleException>(() => CarePlanRules.Check(document, DateOnly.FromDateTime(Now), DateOnly.FromDateTime(Now), new HashSet<Guid> { member })).Violations);
        Assert.Equal(("Goals[0].Actions[0].Referral.Service", Rules.Required), (violation.Field, violation.Code));
    }

    [Theory]
    [InlineData(ServiceReferralStatus.Sent, ActionStatus.Proposed)]
    [InlineData(ServiceReferralStatus.Accepted, ActionStatus.InProgress)]
    [InlineData(ServiceReferralStatus.Booked, ActionStatus.InProgress)]
    [InlineData(ServiceReferralStatus.Completed, ActionStatus.Done)]
    [InlineData(ServiceReferralStatus.Declined, ActionStatus.Cancelled)]
    public void AReferralsStatus_DecidesItsActions(ServiceReferralStatus referral, ActionStatus action) => Assert.Equal(action, ServiceReferral.ActionStatusFor(referral));

    [Theory]
    [InlineData(ContactCadence.Weekly, ContactCadence.EveryTwoWeeks)]
    [InlineData(ContactCadence.EveryTwoWeeks, ContactCadence.Monthly)]
    [InlineData(ContactCadence.Monthly, ContactCadence.EveryThreeMonths)]
    [InlineData(ContactCadence.EveryThreeMonths, ContactCadence.EveryThreeMonths)]
    [InlineData(null, ContactCadence.Monthly)]
    public void SteppingDown_SpacesContactsOut(ContactCadence? now, ContactCadence after) => Assert.Equal(after, ContactCadences.SteppedDown(now));

    [Theory]
    [InlineData(EnrollmentStatus.Enrolled, new[] { Episode.Step.Reactivate, Episode.Step.Close })]
    [InlineData(EnrollmentStatus.Active, new[] { Episode.Step.StepDown, Episode.Step.Close })]
    [InlineData(EnrollmentStatus.SteppedDown, new[] { Episode.Step.Reactivate, Episode.Step.Close })]
    [InlineData(EnrollmentStatus.Invited, new[] { Episode.Step.Close })]
    [InlineData(EnrollmentStatus.Closed, new Episode.Step[0])]
    public void AnEpisodesSteps_FollowTheEnrollmentsOwnTable(EnrollmentStatus from, Episode.Step[] steps) => Assert.Equal(steps, Episode.Steps(from));

    [Fact]
    public void TheActionIndex_KeepsAnUnchangedActionsLastUpdate_AndMovesItForAnyChange_NotesIncluded()
    {
        var patient = PatientId.New();
        var member = Guid.NewGuid();
        var plan = new CarePlan(patient, "lucie", Now.AddDays(-10));
        var first = new PlanAction { What = "Teach insulin pen use", ResponsibleMemberId = member, TargetDate = DateOnly.FromDateTime(Now) };
        var second = new PlanAction { What = "Order a walker", ResponsibleMemberId = member, Referral = new ServiceReferral { Service = "Home care" } };
        var document = new CarePlanDocument { Goals = [new Goal { InMyWords = "Stay home", Actions = [first, second] }] };
        plan.Save(document, 0, new HashSet<Guid> { member }, new CompletenessFacts(false, 1), "lucie", Now.AddDays(-10));
        var before = PlanActionEntry.For(plan, new Dictionary<Guid, PlanActionEntry>()).ToDictionary(e => e.ActionId);
        Assert.Equal((ServiceReferralStatus?)ServiceReferralStatus.Sent, before[second.Id].ReferralStatus);

        var changed = CarePlan.Read(plan.DocumentJson);
        changed.Goals[0].Actions[0].Notes = "Booked for Tuesday";
        plan.Save(changed, 1, new HashSet<Guid> { member }, new CompletenessFacts(false, 1), "lucie", Now);
        var after = PlanActionEntry.For(plan, before).ToDictionary(e => e.ActionId);
        Assert.Equal(Now, after[first.Id].UpdatedAt);
        Assert.Equal(Now.AddDays(-10), after[second.Id].UpdatedAt);
        Assert.True(after[first.Id].IsOpen);
    }
}
