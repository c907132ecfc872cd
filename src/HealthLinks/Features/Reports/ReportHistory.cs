using HealthLinks.Domain;

namespace HealthLinks.Features.Reports;

/// <summary>
/// What the quarterly figures are computed from: the recorded history of one Health Link, no names, no numbers. Each
/// figure for a quarter reads only what happened before the quarter ended, so a past quarter's report never changes.
/// </summary>
public sealed record ReportHistory(
    IReadOnlyList<ReportHistory.Episode> Episodes,
    IReadOnlyList<ReportHistory.Plan> Plans,
    IReadOnlyList<ReportHistory.Action> Actions,
    IReadOnlyList<DateTime> Contacts,
    IReadOnlyList<ReportHistory.Review> Reviews,
    IReadOnlyList<DateTime> ConferencesHeld,
    IReadOnlyList<DateTime> HandOffsAccepted,
    int? QuarterlyPlanTarget,
    IReadOnlyList<ReportHistory.Survey> Surveys)
{
    public static ReportHistory Empty { get; } = new([], [], [], [], [], [], [], null, []);

    /// <summary>Several Health Links' histories as one (a region's): shares and medians are then computed over them all, not averaged.</summary>
    public static ReportHistory Pool(IReadOnlyCollection<ReportHistory> histories) => new(
        [.. histories.SelectMany(h => h.Episodes)], [.. histories.SelectMany(h => h.Plans)], [.. histories.SelectMany(h => h.Actions)],
        [.. histories.SelectMany(h => h.Contacts)], [.. histories.SelectMany(h => h.Reviews)], [.. histories.SelectMany(h => h.ConferencesHeld)],
        [.. histories.SelectMany(h => h.HandOffsAccepted)],
        histories.Any(h => h.QuarterlyPlanTarget is not null) ? histories.Sum(h => h.QuarterlyPlanTarget ?? 0) : null,
        [.. histories.SelectMany(h => h.Surveys)]);

    /// <summary>One episode of coordinated care: where it came from and each status it went through, in order.</summary>
    public sealed record Episode(PatientId Patient, IdentificationSource Source, DateTime IdentifiedAt, ClosingReason? ClosingReason, IReadOnlyList<Change> Changes);

    public sealed record Change(EnrollmentStatus To, DateTime At);

    /// <summary>A plan and the first moment it was complete (never cleared: a plan made incomplete later still counted then).</summary>
    public sealed record Plan(PatientId Patient, DateTime? CompletedAt);

    public sealed record Action(DateOnly TargetDate, DateTime? DoneAt);

    public sealed record Review(Guid Plan, DateTime At);

    /// <summary>A patient experience survey: when it was sent and answered, and its answers (no comment: those stay with the Health Link).</summary>
    public sealed record Survey(DateTime SentAt, DateTime? AnsweredAt, IReadOnlyList<int?> Scale, int? Overall);
}
