using HealthLinks.Domain;

namespace HealthLinks.Features.Reports;

public enum FigureKind
{
    /// <summary>A number of patients or events: suppressed for analysts between 1 and 4, and adds up across Health Links.</summary>
    Count,

    /// <summary>A share, 0 to 100, of <see cref="Figure.Basis"/> patients or actions.</summary>
    Percent,

    /// <summary>Days, over <see cref="Figure.Basis"/> plans.</summary>
    Days,

    /// <summary>A rate per patient, over <see cref="Figure.Basis"/> patients.</summary>
    Ratio,

    /// <summary>A mean rating (0 to 10), over <see cref="Figure.Basis"/> answers.</summary>
    Score,

    /// <summary>A number the Health Link set (its target): about no patient, never suppressed.</summary>
    Target,
}

/// <summary>One figure: its value (null when there is nothing to compute it from) and how many it is computed over.</summary>
public sealed record Figure(double? Value, FigureKind Kind, int Basis);

/// <summary>
/// The quarterly process figures of one Health Link (or several, pooled), computed from its recorded history as of
/// the end of the quarter. The names are the resource keys' suffixes: "Report_" + name.
/// </summary>
public static class QuarterlyFigures
{
    public const string Identified = nameof(Identified);
    public const string Invited = nameof(Invited);
    public const string Enrolled = nameof(Enrolled);
    public const string Declined = nameof(Declined);
    public const string Unreachable = nameof(Unreachable);
    public const string OfferedShare = nameof(OfferedShare);
    public const string PlansCompletedNew = nameof(PlansCompletedNew);
    public const string PlansCompletedTotal = nameof(PlansCompletedTotal);
    public const string PlanTarget = nameof(PlanTarget);
    public const string PlansAgainstTarget = nameof(PlansAgainstTarget);
    public const string DaysToPlanMedian = nameof(DaysToPlanMedian);
    public const string DaysToPlan90th = nameof(DaysToPlan90th);
    public const string ActiveAtEnd = nameof(ActiveAtEnd);
    public const string SteppedDownAtEnd = nameof(SteppedDownAtEnd);
    public const string Transitions = nameof(Transitions);
    public const string Closed = nameof(Closed);
    public const string ActionsDue = nameof(ActionsDue);
    public const string ActionsDoneByTarget = nameof(ActionsDoneByTarget);
    public const string ContactsPerActive = nameof(ContactsPerActive);
    public const string PlansReviewed90Days = nameof(PlansReviewed90Days);
    public const string ConferencesHeld = nameof(ConferencesHeld);
    public const string SurveysSent = nameof(SurveysSent);
    public const string SurveysAnswered = nameof(SurveysAnswered);
    public const string SurveyResponseShare = nameof(SurveyResponseShare);
    public const string ExperienceOverall = nameof(ExperienceOverall);

    /// <summary>The share answering "usually" or "always" to a statement of the survey.</summary>
    public static string Experience(string statement) => $"Experience{statement}";

    public static string IdentifiedBy(IdentificationSource source) => $"{Identified}_{source}";

    public static string ClosedBecause(ClosingReason reason) => $"{Closed}_{reason}";

    /// <summary>Figures that are the sum of others: a total and its parts. Suppressing one part alone would not hide it.</summary>
    public static IReadOnlyList<(string Total, IReadOnlyList<string> Parts)> Sums { get; } =
    [
        (Identified, [.. Enum.GetValues<IdentificationSource>().Select(IdentifiedBy)]),
        (Closed, [.. Enum.GetValues<ClosingReason>().Select(ClosedBecause)]),
    ];

    /// <summary>The counts, which add up across Health Links to the region's.</summary>
    public static IReadOnlyList<string> Additive => [.. Order.Where(f => f is not (OfferedShare or PlanTarget or PlansAgainstTarget or DaysToPlanMedian or DaysToPlan90th or ActionsDoneByTarget or ContactsPerActive
        or SurveyResponseShare or ExperienceOverall) && !f.StartsWith(nameof(Experience), StringComparison.Ordinal))];

    /// <summary>Every figure, in the order the report shows them.</summary>
    public static IReadOnlyList<string> Order { get; } =
    [
        Identified, .. Enum.GetValues<IdentificationSource>().Select(IdentifiedBy), Invited, Enrolled, Declined, Unreachable, OfferedShare,
        PlansCompletedNew, PlansCompletedTotal, PlanTarget, PlansAgainstTarget, DaysToPlanMedian, DaysToPlan90th,
        ActiveAtEnd, SteppedDownAtEnd, Transitions, Closed, .. Enum.GetValues<ClosingReason>().Select(ClosedBecause),
        ActionsDue, ActionsDoneByTarget, ContactsPerActive, PlansReviewed90Days, ConferencesHeld,
        SurveysSent, SurveysAnswered, SurveyResponseShare, .. Domain.SurveyAnswers.Statements.Select(Experience), ExperienceOverall,
    ];

    /// <summary>The report's sections, each named by its first figure; "Report_Section_" + the section's name is its heading.</summary>
    public static IReadOnlyDictionary<string, string> SectionStarts { get; } = new Dictionary<string, string>
    {
        [Identified] = "Identification",
        [PlansCompletedNew] = "Plans",
        [ActiveAtEnd] = "InCare",
        [ActionsDue] = "Work",
        [SurveysSent] = "Experience",
    };

    public static IReadOnlyDictionary<string, Figure> Compute(ReportHistory history, Quarter quarter)
    {
        var (start, end) = (quarter.Start, quarter.End);
        bool In(DateTime at) => at >= start && at < end;
        var figures = new Dictionary<string, Figure>();
        void Count(string name, int value) => figures[name] = new Figure(value, FigureKind.Count, value);
        void Share(string name, int part, int whole) => figures[name] = new Figure(whole == 0 ? null : 100.0 * part / whole, FigureKind.Percent, whole);

        // Identification and the invitation.
        var identified = history.Episodes.Where(e => In(e.IdentifiedAt)).ToList();
        Count(Identified, identified.Count);
        foreach (var source in Enum.GetValues<IdentificationSource>())
        {
            Count(IdentifiedBy(source), identified.Count(e => e.Source == source));
        }

        foreach (var (name, status) in new[] { (Invited, EnrollmentStatus.Invited), (Enrolled, EnrollmentStatus.Enrolled), (Declined, EnrollmentStatus.Declined), (Unreachable, EnrollmentStatus.Unreachable) })
        {
            Count(name, history.Episodes.Count(e => e.Changes.Any(c => c.To == status && In(c.At))));
        }

        // Of those identified this quarter, the share offered coordinated care by its end, leaving out those who moved or died first.
        var offered = identified.Where(e => e.Changes.Any(c => c.To == EnrollmentStatus.Invited && c.At < end)).ToHashSet();
        var eligible = identified.Count(e => offered.Contains(e) || !(StatusAt(e, end) == EnrollmentStatus.Closed && e.ClosingReason is ClosingReason.MovedOutOfArea or ClosingReason.Died));
        Share(OfferedShare, offered.Count, eligible);

        // Complete coordinated care plans.
        var completed = history.Plans.Where(p => p.CompletedAt is { } at && In(at)).ToList();
        Count(PlansCompletedNew, completed.Count);
        Count(PlansCompletedTotal, history.Plans.Count(p => p.CompletedAt < end));
        figures[PlanTarget] = new Figure(history.QuarterlyPlanTarget, FigureKind.Target, 0);
        Share(PlansAgainstTarget, completed.Count, history.QuarterlyPlanTarget ?? 0);
        var episodesOf = history.Episodes.ToLookup(e => e.Patient);
        var days = completed.Select(p => DaysFromIdentification(episodesOf[p.Patient], p)).OfType<double>().Order().ToList();
        figures[DaysToPlanMedian] = new Figure(Percentile(days, 0.5), FigureKind.Days, days.Count);
        figures[DaysToPlan90th] = new Figure(Percentile(days, 0.9), FigureKind.Days, days.Count);

        // Who is in coordinated care at the quarter's end, and who moved on during it.
        var statuses = history.Episodes.Select(e => StatusAt(e, end)).ToList();
        var active = statuses.Count(s => s is EnrollmentStatus.Enrolled or EnrollmentStatus.Active);
        Count(ActiveAtEnd, active);
        Count(SteppedDownAtEnd, statuses.Count(s => s == EnrollmentStatus.SteppedDown));
        Count(Transitions, history.HandOffsAccepted.Count(In));
        var closures = history.Episodes.Where(e => e.Changes.Any(c => c.To == EnrollmentStatus.Closed && In(c.At))).ToList();
        Count(Closed, closures.Count);
        foreach (var reason in Enum.GetValues<ClosingReason>())
        {
            Count(ClosedBecause(reason), closures.Count(e => e.ClosingReason == reason));
        }

        // The work: actions, contacts, reviews, conferences.
        var due = history.Actions.Where(a => a.TargetDate >= quarter.FirstDay && a.TargetDate <= quarter.LastDay).ToList();
        Count(ActionsDue, due.Count);
        Share(ActionsDoneByTarget, due.Count(a => a.DoneAt is { } at && at < end && OntarioTime.DayOf(at) <= a.TargetDate), due.Count);
        var contacts = history.Contacts.Count(In);
        figures[ContactsPerActive] = new Figure(active == 0 ? null : (double)contacts / active, FigureKind.Ratio, active);
        Count(PlansReviewed90Days, history.Reviews.Where(r => r.At < end && r.At >= end.AddDays(-90)).Select(r => r.Plan).Distinct().Count());
        Count(ConferencesHeld, history.ConferencesHeld.Count(In));

        // The patients' experience: surveys sent and answered in the quarter, and what those answered said.
        var sent = history.Surveys.Where(s => In(s.SentAt)).ToList();
        var answered = history.Surveys.Where(s => s.AnsweredAt is { } at && In(at)).ToList();
        Count(SurveysSent, sent.Count);
        Count(SurveysAnswered, answered.Count);
        Share(SurveyResponseShare, sent.Count(s => s.AnsweredAt < end), sent.Count);
        for (var i = 0; i < Domain.SurveyAnswers.Statements.Count; i++)
        {
            var said = answered.Select(s => s.Scale[i]).OfType<int>().ToList();
            Share(Experience(Domain.SurveyAnswers.Statements[i]), said.Count(a => a >= 4), said.Count);
        }

        var ratings = answered.Select(s => s.Overall).OfType<int>().ToList();
        figures[ExperienceOverall] = new Figure(ratings.Count == 0 ? null : Math.Round(ratings.Average(), 1), FigureKind.Score, ratings.Count);
        return figures;
    }

    /// <summary>The episode's status just before the moment given; null if it had not begun.</summary>
    public static EnrollmentStatus? StatusAt(ReportHistory.Episode episode, DateTime moment) =>
        episode.Changes.LastOrDefault(c => c.At < moment)?.To;

    /// <summary>Days from the identification of the patient's episode (the latest begun before) to the plan's completion.</summary>
    private static double? DaysFromIdentification(IEnumerable<ReportHistory.Episode> episodes, ReportHistory.Plan plan) =>
        episodes.Where(e => e.IdentifiedAt <= plan.CompletedAt).OrderBy(e => e.IdentifiedAt).LastOrDefault() is { } episode
            ? (plan.CompletedAt!.Value - episode.IdentifiedAt).TotalDays
            : null;

    /// <summary>The nearest-rank percentile of sorted values (the value at or above the share asked for); null for none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)], 1);
}
