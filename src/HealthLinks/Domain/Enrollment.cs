namespace HealthLinks.Domain;

public enum EnrollmentStatus
{
    Identified,
    Invited,
    Declined,
    Unreachable,
    Enrolled,
    Active,
    SteppedDown,
    Closed,
}

public enum IdentificationSource
{
    Screening,
    HospitalEvent,
    Referral,
    SelfReferral,
}

public enum ClosingReason
{
    GoalsMet,
    MovedOutOfArea,
    Died,
    DeclinedToContinue,
    TransferredToAnotherHealthLink,
}

/// <summary>One episode of coordinated care. Every status change is kept with who, when and why: the indicators are computed from it.</summary>
public sealed class Enrollment
{
    private static readonly Dictionary<EnrollmentStatus, EnrollmentStatus[]> Allowed = new()
    {
        [EnrollmentStatus.Identified] = [EnrollmentStatus.Invited, EnrollmentStatus.Closed],
        [EnrollmentStatus.Invited] = [EnrollmentStatus.Declined, EnrollmentStatus.Unreachable, EnrollmentStatus.Enrolled, EnrollmentStatus.Closed],
        [EnrollmentStatus.Unreachable] = [EnrollmentStatus.Invited, EnrollmentStatus.Closed],
        [EnrollmentStatus.Enrolled] = [EnrollmentStatus.Active, EnrollmentStatus.Closed],
        [EnrollmentStatus.Active] = [EnrollmentStatus.SteppedDown, EnrollmentStatus.Closed],
        [EnrollmentStatus.SteppedDown] = [EnrollmentStatus.Active, EnrollmentStatus.Closed],
        [EnrollmentStatus.Declined] = [],
        [EnrollmentStatus.Closed] = [],
    };

    private readonly List<EnrollmentStatusChange> _history = [];

    private Enrollment()
    {
    }

    internal Enrollment(PatientId patientId, Guid healthLinkId, IdentificationSource source, string by, DateTime at, string? why)
    {
        (PatientId, HealthLinkId, Source, IdentifiedAt, Status) = (patientId, healthLinkId, source, at, EnrollmentStatus.Identified);
        _history.Add(new EnrollmentStatusChange(Id, null, EnrollmentStatus.Identified, at, by, why));
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public Guid HealthLinkId { get; private set; }

    public IdentificationSource Source { get; private set; }

    public EnrollmentStatus Status { get; private set; }

    /// <summary>Stored so the database can enforce one open episode per patient.</summary>
    public bool IsOpen { get; private set; } = true;

    public DateTime IdentifiedAt { get; private set; }

    public ClosingReason? ClosingReason { get; private set; }

    public IReadOnlyList<EnrollmentStatusChange> History => _history;

    public static bool CanMove(EnrollmentStatus from, EnrollmentStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<EnrollmentStatus> NextStatuses(EnrollmentStatus from) => Allowed[from];

    public void MoveTo(EnrollmentStatus to, string by, DateTime at, string? why)
    {
        if (to == EnrollmentStatus.Closed)
        {
            throw new DomainRuleException(nameof(ClosingReason), Rules.ClosingReasonRequired, "closing an episode needs a reason");
        }

        Change(to, by, at, why);
    }

    public void Close(ClosingReason reason, string by, DateTime at, string? why)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new DomainRuleException(nameof(ClosingReason), Rules.ClosingReasonRequired, "closing an episode needs a reason");
        }

        Change(EnrollmentStatus.Closed, by, at, why ?? reason.ToString());
        ClosingReason = reason;
    }

    private void Change(EnrollmentStatus to, string by, DateTime at, string? why)
    {
        if (!CanMove(Status, to))
        {
            throw new DomainRuleException(nameof(Status), Rules.TransitionNotAllowed, $"an episode cannot go from {Status} to {to}");
        }

        if (to == EnrollmentStatus.Declined && string.IsNullOrWhiteSpace(why))
        {
            throw new DomainRuleException("Reason", Rules.DeclineReasonRequired, "record why the patient declined");
        }

        if (_history.Count > 0 && at < _history.Max(h => h.At))
        {
            throw new DomainRuleException("At", Rules.ChangeBeforeLast, "a status change cannot be dated before the previous one");
        }

        var reason = why?.Trim();
        if (reason is { Length: > 1000 })
        {
            throw new DomainRuleException("Reason", Rules.TooLong, "must be at most 1000 characters");
        }

        _history.Add(new EnrollmentStatusChange(Id, Status, to, at, by, reason));
        Status = to;
        IsOpen = to is not (EnrollmentStatus.Declined or EnrollmentStatus.Closed);
    }
}

public sealed class EnrollmentStatusChange
{
    private EnrollmentStatusChange()
    {
        ChangedBy = "";
    }

    internal EnrollmentStatusChange(Guid enrollmentId, EnrollmentStatus? from, EnrollmentStatus to, DateTime at, string changedBy, string? reason)
    {
        (EnrollmentId, From, To, At, ChangedBy, Reason) = (enrollmentId, from, to, at, changedBy, reason);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EnrollmentId { get; private set; }

    public EnrollmentStatus? From { get; private set; }

    public EnrollmentStatus To { get; private set; }

    public DateTime At { get; private set; }

    public string ChangedBy { get; private set; }

    public string? Reason { get; private set; }
}
