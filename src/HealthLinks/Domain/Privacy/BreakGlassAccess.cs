namespace HealthLinks.Domain.Privacy;

/// <summary>
/// Emergency access to a patient's whole record, overriding the care team and any consent directive, to prevent serious harm.
/// It needs a reason, lasts a limited time, and the privacy officer reviews it.
/// </summary>
public sealed class BreakGlassAccess
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(4);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    private BreakGlassAccess()
    {
        UserId = UserName = Reason = "";
    }

    public BreakGlassAccess(PatientId patientId, string userId, string userName, string reason, DateTime startedAt, TimeSpan duration)
        : this()
    {
        var v = new Violations();
        var text = v.Text(nameof(Reason), reason, 1000, required: true);
        if (text is not null && text.Length < 10)
        {
            v.Add(nameof(Reason), Rules.ReasonTooShort, "say in a sentence what serious harm this access prevents");
        }

        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            v.Add(nameof(ExpiresAt), Rules.OutOfRange, $"access lasts between a minute and {MaxDuration.TotalHours:0} hours");
        }

        v.ThrowIfAny();
        (PatientId, UserId, UserName, Reason, StartedAt, ExpiresAt) = (patientId, userId, userName, text!, startedAt, startedAt + duration);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The user's email when the glass was broken, for the reports.</summary>
    public string UserName { get; private set; }

    public string Reason { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    /// <summary>When the privacy officer reviewed it, and what they concluded.</summary>
    public DateTime? ReviewedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public string? ReviewNote { get; private set; }

    public bool IsActiveAt(DateTime now) => StartedAt <= now && now < ExpiresAt;

    public void Review(string note, string by, DateTime at)
    {
        var v = new Violations();
        var text = v.Text(nameof(ReviewNote), note, 1000, required: true);
        v.ThrowIfAny();
        (ReviewNote, ReviewedBy, ReviewedAt) = (text, by, at);
    }
}
