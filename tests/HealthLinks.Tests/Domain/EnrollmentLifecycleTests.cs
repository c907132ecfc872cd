using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class EnrollmentLifecycleTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 14, 0, 0, DateTimeKind.Utc);

    public static TheoryData<EnrollmentStatus, EnrollmentStatus> AllowedMoves()
    {
        var data = new TheoryData<EnrollmentStatus, EnrollmentStatus>();
        (EnrollmentStatus, EnrollmentStatus)[] allowed =
        [
            (EnrollmentStatus.Identified, EnrollmentStatus.Invited),
            (EnrollmentStatus.Invited, EnrollmentStatus.Declined),
            (EnrollmentStatus.Invited, EnrollmentStatus.Unreachable),
            (EnrollmentStatus.Invited, EnrollmentStatus.Enrolled),
            (EnrollmentStatus.Unreachable, EnrollmentStatus.Invited),
            (EnrollmentStatus.Enrolled, EnrollmentStatus.Active),
            (EnrollmentStatus.Active, EnrollmentStatus.SteppedDown),
            (EnrollmentStatus.SteppedDown, EnrollmentStatus.Active),
        ];
        foreach (var (from, to) in allowed)
        {
            data.Add(from, to);
        }

        return data;
    }

    public static TheoryData<EnrollmentStatus, EnrollmentStatus> RefusedMoves()
    {
        var allowed = AllowedMoves().Select(row => ((EnrollmentStatus)row[0], (EnrollmentStatus)row[1])).ToHashSet();
        var data = new TheoryData<EnrollmentStatus, EnrollmentStatus>();
        foreach (var from in Enum.GetValues<EnrollmentStatus>())
        {
            foreach (var to in Enum.GetValues<EnrollmentStatus>())
            {
                if (to != EnrollmentStatus.Closed && !allowed.Contains((from, to)))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void AllowedMove_IsRecordedWithWhoWhenAndWhy(EnrollmentStatus from, EnrollmentStatus to)
    {
        var (_, episode) = EpisodeAt(from);
        var at = episode.History[^1].At.AddDays(1);
        episode.MoveTo(to, "coordinator@example.org", at, "reason given");
        Assert.Equal(to, episode.Status);
        var change = episode.History[^1];
        Assert.Equal((from, to, at, "coordinator@example.org", "reason given"), (change.From!.Value, change.To, change.At, change.ChangedBy, change.Reason));
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void RefusedMove_ThrowsAndChangesNothing(EnrollmentStatus from, EnrollmentStatus to)
    {
        var (_, episode) = EpisodeAt(from);
        var historyBefore = episode.History.Count;
        var e = Assert.Throws<DomainRuleException>(() => episode.MoveTo(to, "someone", episode.History[^1].At.AddDays(1), "why"));
        Assert.Equal(Rules.TransitionNotAllowed, e.Violations[0].Code);
        Assert.Equal(from, episode.Status);
        Assert.Equal(historyBefore, episode.History.Count);
    }

    [Theory]
    [InlineData(EnrollmentStatus.Identified)]
    [InlineData(EnrollmentStatus.Invited)]
    [InlineData(EnrollmentStatus.Unreachable)]
    [InlineData(EnrollmentStatus.Enrolled)]
    [InlineData(EnrollmentStatus.Active)]
    [InlineData(EnrollmentStatus.SteppedDown)]
    public void EveryOpenEpisode_CanBeClosedWithAReason(EnrollmentStatus from)
    {
        var (_, episode) = EpisodeAt(from);
        episode.Close(ClosingReason.MovedOutOfArea, "someone", episode.History[^1].At.AddDays(1), null);
        Assert.Equal(EnrollmentStatus.Closed, episode.Status);
        Assert.Equal(ClosingReason.MovedOutOfArea, episode.ClosingReason);
        Assert.False(episode.IsOpen);
    }

    [Theory]
    [InlineData(EnrollmentStatus.Declined)]
    [InlineData(EnrollmentStatus.Closed)]
    public void EndedEpisode_CannotBeClosedAgain(EnrollmentStatus from)
    {
        var (_, episode) = EpisodeAt(from);
        Assert.Throws<DomainRuleException>(() => episode.Close(ClosingReason.GoalsMet, "someone", episode.History[^1].At.AddDays(1), null));
    }

    [Fact]
    public void Closing_WithoutAReason_IsRefused()
    {
        var (_, episode) = EpisodeAt(EnrollmentStatus.Active);
        var e = Assert.Throws<DomainRuleException>(() => episode.MoveTo(EnrollmentStatus.Closed, "someone", Start.AddDays(30), null));
        Assert.Equal(Rules.ClosingReasonRequired, e.Violations[0].Code);
        Assert.Equal(EnrollmentStatus.Active, episode.Status);
    }

    [Fact]
    public void Declining_WithoutAReason_IsRefused()
    {
        var (_, episode) = EpisodeAt(EnrollmentStatus.Invited);
        var e = Assert.Throws<DomainRuleException>(() => episode.MoveTo(EnrollmentStatus.Declined, "someone", Start.AddDays(30), " "));
        Assert.Equal(Rules.DeclineReasonRequired, e.Violations[0].Code);
    }

    [Fact]
    public void AChange_DatedBeforeThePreviousOne_IsRefused()
    {
        var (_, episode) = EpisodeAt(EnrollmentStatus.Invited);
        var e = Assert.Throws<DomainRuleException>(() => episode.MoveTo(EnrollmentStatus.Enrolled, "someone", Start.AddDays(-1), "consent"));
        Assert.Equal(Rules.ChangeBeforeLast, e.Violations[0].Code);
    }

    [Fact]
    public void APatient_HasAtMostOneOpenEpisode()
    {
        var (patient, episode) = EpisodeAt(EnrollmentStatus.Invited);
        var e = Assert.Throws<DomainRuleException>(() => patient.Identify(Guid.NewGuid(), IdentificationSource.Referral, "doctor", Start.AddDays(2), "referral"));
        Assert.Equal(Rules.OneOpenEpisode, e.Violations[0].Code);
        Assert.Same(episode, patient.OpenEnrollment);
        Assert.Single(patient.Enrollments);
    }

    [Fact]
    public void AfterAnEpisodeEnds_ANewOneCanStart()
    {
        var (patient, episode) = EpisodeAt(EnrollmentStatus.Declined);
        var second = patient.Identify(Guid.NewGuid(), IdentificationSource.HospitalEvent, "system", episode.History[^1].At.AddDays(90), "ED visit");
        Assert.Equal(2, patient.Enrollments.Count);
        Assert.Same(second, patient.OpenEnrollment);
    }

    /// <summary>A patient whose one episode has reached the given status by allowed moves.</summary>
    internal static (Patient Patient, Enrollment Episode) EpisodeAt(EnrollmentStatus status)
    {
        var patient = Patients.Sample();
        var episode = patient.Identify(Guid.NewGuid(), IdentificationSource.Screening, "system", Start, "screening");
        EnrollmentStatus[] path = status switch
        {
            EnrollmentStatus.Identified => [],
            EnrollmentStatus.Invited => [EnrollmentStatus.Invited],
            EnrollmentStatus.Declined => [EnrollmentStatus.Invited, EnrollmentStatus.Declined],
            EnrollmentStatus.Unreachable => [EnrollmentStatus.Invited, EnrollmentStatus.Unreachable],
            EnrollmentStatus.Enrolled => [EnrollmentStatus.Invited, EnrollmentStatus.Enrolled],
            EnrollmentStatus.Active => [EnrollmentStatus.Invited, EnrollmentStatus.Enrolled, EnrollmentStatus.Active],
            EnrollmentStatus.SteppedDown => [EnrollmentStatus.Invited, EnrollmentStatus.Enrolled, EnrollmentStatus.Active, EnrollmentStatus.SteppedDown],
            _ => [EnrollmentStatus.Invited, EnrollmentStatus.Enrolled, EnrollmentStatus.Active],
        };
        var at = Start;
        foreach (var step in path)
        {
            episode.MoveTo(step, "coordinator", at = at.AddDays(1), "step");
        }

        if (status == EnrollmentStatus.Closed)
        {
            episode.Close(ClosingReason.GoalsMet, "coordinator", at.AddDays(1), null);
        }

        return (patient, episode);
    }
}
