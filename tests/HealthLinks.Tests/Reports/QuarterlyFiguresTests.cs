using HealthLinks.Domain;
using HealthLinks.Features.Reports;

using static HealthLinks.Features.Reports.QuarterlyFigures;

namespace HealthLinks.Tests.Reports;

/// <summary>Each quarterly figure on a small history whose answers are counted by hand. 2026Q3 is July to September, Toronto time.</summary>
public sealed class QuarterlyFiguresTests
{
    private static readonly Quarter Q3 = new(2026, 3);

    /// <summary>Noon in Toronto on the day given, as UTC.</summary>
    private static DateTime On(int month, int day, int year = 2026) => OntarioTime.ToUtc(new DateTime(year, month, day, 12, 0, 0));

    private static ReportHistory.Episode Episode(IdentificationSource source, DateTime identified, ClosingReason? closed = null, params (EnrollmentStatus To, DateTime At)[] changes) =>
        new(new PatientId(Guid.NewGuid()), source, identified, closed, [new(EnrollmentStatus.Identified, identified), .. changes.Select(c => new ReportHistory.Change(c.To, c.At))]);

    private static readonly ReportHistory History = new(
        Episodes:
        [
            // Identified in Q3 by screening, invited and enrolled in Q3, active at the end.
            Episode(IdentificationSource.Screening, On(7, 2), null, (EnrollmentStatus.Invited, On(7, 10)), (EnrollmentStatus.Enrolled, On(7, 20)), (EnrollmentStatus.Active, On(8, 1))),
            // Identified in Q3 by a hospital event, never invited, moved away in Q3: left out of the share offered.
            Episode(IdentificationSource.HospitalEvent, On(8, 5), ClosingReason.MovedOutOfArea, (EnrollmentStatus.Closed, On(9, 1))),
            // Identified in Q3 by referral, invited, unreachable.
            Episode(IdentificationSource.Referral, On(9, 2), null, (EnrollmentStatus.Invited, On(9, 3)), (EnrollmentStatus.Unreachable, On(9, 20))),
            // Identified in Q3 by screening, not yet invited at the end (invited in Q4: not counted in Q3).
            Episode(IdentificationSource.Screening, On(9, 25), null, (EnrollmentStatus.Invited, On(10, 3))),
            // Identified in Q2, enrolled in Q2, stepped down in Q3.
            Episode(IdentificationSource.Screening, On(4, 10), null, (EnrollmentStatus.Invited, On(4, 11)), (EnrollmentStatus.Enrolled, On(5, 1)), (EnrollmentStatus.Active, On(5, 2)), (EnrollmentStatus.SteppedDown, On(9, 9))),
            // Identified in Q2, active, closed in Q3 (goals met).
            Episode(IdentificationSource.Referral, On(4, 1), ClosingReason.GoalsMet, (EnrollmentStatus.Invited, On(4, 2)), (EnrollmentStatus.Enrolled, On(4, 3)), (EnrollmentStatus.Active, On(4, 4)), (EnrollmentStatus.Closed, On(8, 30))),
            // Identified in Q2, declined in Q3.
            Episode(IdentificationSource.SelfReferral, On(6, 1), null, (EnrollmentStatus.Invited, On(6, 2)), (EnrollmentStatus.Declined, On(7, 3))),
        ],
        Plans: [],
        Actions:
        [
            new(new DateOnly(2026, 7, 15), On(7, 14)),                       // done before its target
            new(new DateOnly(2026, 8, 15), On(8, 15)),                       // done on its target day
            new(new DateOnly(2026, 9, 15), On(9, 20)),                       // done late
            new(new DateOnly(2026, 9, 30), null),                            // not done
            new(new DateOnly(2026, 10, 2), On(9, 1)),                        // due in Q4: not counted
        ],
        Contacts: [On(7, 5), On(8, 5), On(9, 5), On(10, 5)],
        Reviews: [new(Guid.NewGuid(), On(9, 1)), new(Guid.NewGuid(), On(6, 1)), new(Guid.NewGuid(), On(7, 15))],
        ConferencesHeld: [On(7, 1), On(12, 1)],
        HandOffsAccepted: [On(8, 8)],
        QuarterlyPlanTarget: 4,
        Surveys:
        [
            new(On(6, 20), On(7, 2), [5, 4, 3, 2, 1, null], 8),              // sent in Q2, answered in Q3
            new(On(7, 10), On(7, 30), [4, 5, 5, 1, 2, null], 6),             // sent and answered in Q3
            new(On(8, 10), On(10, 2), [5, 5, 5, 5, 5, 5], 10),               // sent in Q3, answered in Q4: not in Q3's answers
            new(On(9, 10), null, [null, null, null, null, null, null], null), // sent in Q3, not answered
            new(On(9, 12), On(9, 13), [3, null, null, null, null, 4], null), // sent and answered in Q3, no rating
        ]);

    private static IReadOnlyDictionary<string, Figure> Q3Figures => Compute(WithPlans(History), Q3);

    /// <summary>Plans for the first two episodes: the first complete 30 days after identification, in Q3; another completed in Q2.</summary>
    private static ReportHistory WithPlans(ReportHistory history) => history with
    {
        Plans =
        [
            new(history.Episodes[0].Patient, history.Episodes[0].IdentifiedAt.AddDays(30)),
            new(history.Episodes[4].Patient, On(6, 10)),
            new(history.Episodes[2].Patient, null),
        ],
    };

    [Fact]
    public void Identification_CountsThisQuartersEpisodes_BySource()
    {
        Assert.Equal(4, Q3Figures[Identified].Value);
        Assert.Equal(2, Q3Figures[IdentifiedBy(IdentificationSource.Screening)].Value);
        Assert.Equal(1, Q3Figures[IdentifiedBy(IdentificationSource.HospitalEvent)].Value);
        Assert.Equal(1, Q3Figures[IdentifiedBy(IdentificationSource.Referral)].Value);
        Assert.Equal(0, Q3Figures[IdentifiedBy(IdentificationSource.SelfReferral)].Value);
    }

    [Fact]
    public void StatusChanges_AreCountedInTheQuarterTheyHappened()
    {
        Assert.Equal(2, Q3Figures[Invited].Value); // 7-10 and 9-3; the 10-3 invitation is Q4's
        Assert.Equal(1, Q3Figures[Enrolled].Value);
        Assert.Equal(1, Q3Figures[Declined].Value);
        Assert.Equal(1, Q3Figures[Unreachable].Value);
    }

    [Fact]
    public void TheShareOffered_LeavesOutThoseWhoMovedOrDied_BeforeAnInvitation()
    {
        // Identified in Q3: 4; the one who moved away is left out: 3; invited by the end: 2.
        var share = Q3Figures[OfferedShare];
        Assert.Equal(3, share.Basis);
        Assert.Equal(200.0 / 3, share.Value!.Value, 6);
    }

    [Fact]
    public void Plans_NewAndInTotal_AgainstTheTarget_AndDaysToComplete()
    {
        Assert.Equal(1, Q3Figures[PlansCompletedNew].Value);
        Assert.Equal(2, Q3Figures[PlansCompletedTotal].Value);
        Assert.Equal(4, Q3Figures[PlanTarget].Value);
        Assert.Equal(25, Q3Figures[PlansAgainstTarget].Value);
        Assert.Equal(30, Q3Figures[DaysToPlanMedian].Value);
        Assert.Equal(30, Q3Figures[DaysToPlan90th].Value);
    }

    [Fact]
    public void ActiveSteppedDownAndClosed_AsOfTheQuartersEnd()
    {
        Assert.Equal(1, Q3Figures[ActiveAtEnd].Value);
        Assert.Equal(1, Q3Figures[SteppedDownAtEnd].Value);
        Assert.Equal(2, Q3Figures[Closed].Value);
        Assert.Equal(1, Q3Figures[ClosedBecause(ClosingReason.GoalsMet)].Value);
        Assert.Equal(1, Q3Figures[ClosedBecause(ClosingReason.MovedOutOfArea)].Value);
        Assert.Equal(1, Q3Figures[Transitions].Value);
    }

    [Fact]
    public void TheWork_ActionsContactsReviewsConferences()
    {
        Assert.Equal(4, Q3Figures[ActionsDue].Value);
        Assert.Equal(50, Q3Figures[ActionsDoneByTarget].Value); // 2 of 4: on or before the target day
        Assert.Equal(3, Q3Figures[ContactsPerActive].Value);    // 3 contacts in Q3, 1 active patient
        Assert.Equal(2, Q3Figures[PlansReviewed90Days].Value);  // 9-1 and 7-15; 6-1 is over 90 days before Oct 1
        Assert.Equal(1, Q3Figures[ConferencesHeld].Value);
    }

    [Fact]
    public void PatientExperience_SentAnsweredAndWhatTheAnswersSaid()
    {
        Assert.Equal(4, Q3Figures[SurveysSent].Value);
        Assert.Equal(3, Q3Figures[SurveysAnswered].Value);
        Assert.Equal(50, Q3Figures[SurveyResponseShare].Value);      // of the 4 sent in Q3, 2 answered before Oct 1
        var knows = Q3Figures[Experience("KnowWhoToCall")];
        Assert.Equal(3, knows.Basis);                                 // 5, 4, 3
        Assert.Equal(200.0 / 3, knows.Value!.Value, 6);               // 4 or 5: two of three
        Assert.Equal(0, Q3Figures[Experience("NoRepeating")].Value);  // 2 and 1
        Assert.Equal(1, Q3Figures[Experience("HelpWhenNeeded")].Basis);
        Assert.Equal(100, Q3Figures[Experience("HelpWhenNeeded")].Value);
        Assert.Equal(7, Q3Figures[ExperienceOverall].Value);          // (8 + 6) / 2; the unanswered rating is left out
        Assert.Equal(FigureKind.Score, Q3Figures[ExperienceOverall].Kind);
        Assert.Equal(10, Compute(History, new Quarter(2026, 4))[ExperienceOverall].Value);
    }

    [Fact]
    public void APastQuarter_IsUnchanged_ByWhatHappensAfterIt()
    {
        var before = Compute(WithPlans(History), Q3);
        var later = WithPlans(History) with
        {
            Episodes = [.. History.Episodes.Select((e, i) => i == 0 ? e with { ClosingReason = ClosingReason.Died, Changes = [.. e.Changes, new(EnrollmentStatus.Closed, On(11, 1))] } : e),
                Episode(IdentificationSource.Screening, On(11, 2))],
            Contacts = [.. History.Contacts, On(11, 3)],
            ConferencesHeld = [.. History.ConferencesHeld, On(10, 9)],
        };
        var after = Compute(later, Q3);
        Assert.All(before, f => Assert.Equal(f.Value.Value, after[f.Key].Value));
        Assert.Equal(0, Compute(later, new Quarter(2026, 4))[ActiveAtEnd].Value);
    }

    [Fact]
    public void ANewPlanCompletedThenMadeIncomplete_StillCountsInItsQuarter()
    {
        // Completeness is kept as its first moment (CarePlan.CompletedAt is never cleared): later edits change nothing here.
        Assert.Equal(1, Q3Figures[PlansCompletedNew].Value);
    }

    [Fact]
    public void Quarters_AreNamedAndBoundedInTorontoTime()
    {
        Assert.True(Quarter.TryParse("2026Q3", out var q));
        Assert.Equal(Q3, q);
        Assert.False(Quarter.TryParse("2026Q5", out _));
        Assert.False(Quarter.TryParse("Q3 2026", out _));
        Assert.Equal(new DateTime(2026, 7, 1, 4, 0, 0), q.Start);   // midnight EDT
        Assert.Equal(new DateTime(2026, 10, 1, 4, 0, 0), q.End);
        Assert.Equal(new DateTime(2026, 1, 1, 5, 0, 0), new Quarter(2026, 1).Start); // midnight EST
        Assert.Equal("2025Q4", new Quarter(2026, 1).Previous.ToString());
        Assert.Equal(["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"], q.WithPreviousFour().Select(x => x.ToString()));
        Assert.Equal(new Quarter(2026, 3), Quarter.LastCompleteOn(new DateOnly(2026, 11, 30)));
    }
}
