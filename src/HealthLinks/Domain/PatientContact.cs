namespace HealthLinks.Domain;

/// <summary>How a contact with the patient (or their caregiver) took place.</summary>
public enum ContactKind
{
    Phone,
    InPerson,
    HomeVisit,
    Video,
    Email,
    TextMessage,
}

/// <summary>How often the patient is contacted; the value is the days between contacts.</summary>
public enum ContactCadence
{
    Weekly = 7,
    EveryTwoWeeks = 14,
    Monthly = 30,
    EveryThreeMonths = 91,
}

public static class ContactCadences
{
    /// <summary>The default from the risk tier: the higher the cost-risk score, the more often.</summary>
    public static ContactCadence ForScore(float? score) => score switch
    {
        >= 0.5f => ContactCadence.Weekly,
        >= 0.2f => ContactCadence.EveryTwoWeeks,
        _ => ContactCadence.Monthly,
    };

    /// <summary>The next contact is due a cadence after the last one, or after the coordinator took the patient on.</summary>
    public static DateOnly NextDue(ContactCadence cadence, DateOnly? lastContact, DateOnly since) => (lastContact ?? since).AddDays((int)cadence);

    /// <summary>Stepping down spaces contacts out: one step less often than now (monthly when following the risk tier), at least every three months.</summary>
    public static ContactCadence SteppedDown(ContactCadence? current) => current switch
    {
        ContactCadence.Weekly => ContactCadence.EveryTwoWeeks,
        ContactCadence.EveryTwoWeeks => ContactCadence.Monthly,
        ContactCadence.Monthly or ContactCadence.EveryThreeMonths => ContactCadence.EveryThreeMonths,
        _ => ContactCadence.Monthly,
    };
}

/// <summary>How the patient's condition had changed since the last contact.</summary>
public enum ConditionChange
{
    NotAssessed,
    Better,
    Same,
    Worse,
}

/// <summary>One contact of ongoing management: when, how, with whom, what was said, how the patient is doing.</summary>
public sealed class PatientContact
{
    private PatientContact()
    {
        With = Summary = RecordedBy = "";
    }

    public PatientContact(PatientId patientId, DateTime at, ContactKind kind, string with, string summary, ConditionChange change, string? goalProgress, string recordedBy, DateTime recordedAt)
        : this()
    {
        var v = new Violations();
        if (at > recordedAt.AddMinutes(5))
        {
            v.Add(nameof(At), Rules.DateInFuture, "a contact cannot be recorded before it happens");
        }

        if (!Enum.IsDefined(kind))
        {
            v.Add(nameof(Kind), Rules.Required, "is not a known kind of contact");
        }

        var who = v.Text(nameof(With), with, 200, required: true);
        var text = v.Text(nameof(Summary), summary, 4000, required: true);
        var progress = v.Text(nameof(GoalProgress), goalProgress, 2000, required: false);
        v.ThrowIfAny();
        (PatientId, At, Kind, With, Summary, Change, GoalProgress, RecordedBy, RecordedAt) = (patientId, at, kind, who!, text!, change, progress, recordedBy, recordedAt);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public DateTime At { get; private set; }

    public ContactKind Kind { get; private set; }

    /// <summary>Who the coordinator spoke with: the patient, a caregiver, a provider.</summary>
    public string With { get; private set; }

    public string Summary { get; private set; }

    public ConditionChange Change { get; private set; }

    public string? GoalProgress { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }
}
