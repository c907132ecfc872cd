namespace HealthLinks.Domain;

public enum GoalPriority
{
    High,
    Medium,
    Low,
}

public enum GoalLifecycle
{
    Proposed,
    Active,
    OnHold,
    Completed,
    Cancelled,
}

public enum GoalAchievement
{
    InProgress,
    Improving,
    Worsening,
    NoChange,
    Achieved,
    NotAchieved,
}

public enum ActionStatus
{
    Proposed,
    Accepted,
    InProgress,
    Done,
    Cancelled,
    Blocked,
}

/// <summary>Where a referral to a community or home care service stands: the receiving partner moves it along until the loop is closed.</summary>
public enum ServiceReferralStatus
{
    Sent,
    Accepted,
    Booked,
    Completed,
    Declined,
}

public enum AllergySeverity
{
    Mild,
    Moderate,
    Severe,
    Unknown,
}

public enum SituationArea
{
    Housing,
    LivesWith,
    Income,
    Transportation,
    Food,
    SocialSupports,
    CultureAndSpirituality,
    DailyFunctioning,
    SubstanceUse,
    CaregiverStrain,
    Safety,
}

public enum SituationRating
{
    NoConcern,
    SomeConcern,
    SeriousConcern,
    NotAssessed,
}

public enum MedicationDecisionKind
{
    Continue,
    Change,
    Stop,
}

public enum AppointmentStatus
{
    Requested,
    Booked,
    Attended,
    Missed,
    Cancelled,
}

/// <summary>The coordinated care plan's own sections (3 to 11 of the provincial template), in the patient's voice. Identifiers and the care team come from their records. Forms bind to it directly.</summary>
public sealed record CarePlanDocument
{
    public List<HealthIssue> HealthIssues { get; set; } = [];

    public List<Allergy> Allergies { get; set; } = [];

    public List<Medication> Medications { get; set; } = [];

    /// <summary>Every medication review, oldest first: who reviewed, when, and what was decided about each medicine and why.</summary>
    public List<MedicationReview> MedicationReviews { get; set; } = [];

    public List<Goal> Goals { get; set; } = [];

    public List<Situation> Situation { get; set; } = [];

    public List<Assessment> Assessments { get; set; } = [];

    public HospitalVisit? LastHospitalVisit { get; set; }

    public List<Treatment> OtherTreatments { get; set; } = [];

    public List<SupportService> Supports { get; set; } = [];

    public List<Appointment> Appointments { get; set; } = [];
}

public sealed record HealthIssue
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string InMyWords { get; set; } = "";

    public CodeSystem System { get; set; } = CodeSystem.Icd10Ca;

    public string Code { get; set; } = "";

    public string Display { get; set; } = "";
}

public sealed record Allergy
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Substance { get; set; } = "";

    public string? Reaction { get; set; }

    public AllergySeverity Severity { get; set; } = AllergySeverity.Unknown;
}

public sealed record Medication
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public string? Dose { get; set; }

    public string? Frequency { get; set; }

    public string? Prescriber { get; set; }

    public string? Pharmacy { get; set; }

    public string? Purpose { get; set; }

    /// <summary>Where this entry came from: a pharmacy, a hospital discharge, the patient, a prescriber.</summary>
    public string? Source { get; set; }

    /// <summary>Set when a medication review confirmed this entry; null while it is only what one source says.</summary>
    public DateOnly? ReconciledOn { get; set; }

    /// <summary>A category a consent directive may withhold (mental health and addictions, say): set by the coordinator, or followed from the linked health issue.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Privacy.WithheldParts WithheldAs { get; set; }

    /// <summary>The health issue this item is about; an item linked to a withheld issue is withheld with it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Guid? HealthIssueId { get; set; }
}

public sealed record MedicationReview
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public DateOnly ReviewedOn { get; set; }

    public string ReviewedBy { get; set; } = "";

    public string? Notes { get; set; }

    public List<MedicationDecision> Decisions { get; set; } = [];
}

/// <summary>What a review decided about one medicine, what the sources said at the time, and why.</summary>
public sealed record MedicationDecision
{
    public string Medication { get; set; } = "";

    public MedicationDecisionKind Decision { get; set; } = MedicationDecisionKind.Continue;

    public string? Dose { get; set; }

    public string? Frequency { get; set; }

    public string? Reason { get; set; }

    public bool SourcesDisagreed { get; set; }

    /// <summary>Each source's entry as it stood, e.g. "Bank Street Pharmacy: 500 mg, twice a day".</summary>
    public List<string> SourcesConsidered { get; set; } = [];
}

public sealed record Goal
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string InMyWords { get; set; } = "";

    public GoalPriority Priority { get; set; } = GoalPriority.Medium;

    public DateOnly? TargetDate { get; set; }

    public GoalLifecycle Lifecycle { get; set; } = GoalLifecycle.Active;

    public GoalAchievement Achievement { get; set; } = GoalAchievement.InProgress;

    public List<PlanAction> Actions { get; set; } = [];

    /// <summary>A category a consent directive may withhold (mental health and addictions, say): set by the coordinator, or followed from the linked health issue.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Privacy.WithheldParts WithheldAs { get; set; }

    /// <summary>The health issue this item is about; an item linked to a withheld issue is withheld with it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Guid? HealthIssueId { get; set; }
}

/// <summary>Who does it: a care team member (by their membership), or the patient themself.</summary>
public sealed record PlanAction
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string What { get; set; } = "";

    public Guid? ResponsibleMemberId { get; set; }

    public bool PatientIsResponsible { get; set; }

    public DateOnly? TargetDate { get; set; }

    public ActionStatus Status { get; set; } = ActionStatus.Proposed;

    public string? Notes { get; set; }

    /// <summary>Set when the action is a referral to a service: the receiving partner is the responsible member.</summary>
    public ServiceReferral? Referral { get; set; }

    /// <summary>A category a consent directive may withhold (mental health and addictions, say): set by the coordinator, or followed from the linked health issue.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Privacy.WithheldParts WithheldAs { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOpen => Status is not (ActionStatus.Done or ActionStatus.Cancelled);

    public const int MaxNoteLength = 1000;

    /// <summary>
    /// A team member's update from My work: a status (or, for a referral, the referral's, which the action's follows),
    /// another owner, and a dated note, which is required to cancel, block or decline.
    /// </summary>
    public void Update(ActionStatus status, ServiceReferralStatus? referral, Guid? reassignTo, string? note, string by, DateOnly today)
    {
        note = note?.Trim();
        if ((referral is ServiceReferralStatus.Declined || status is ActionStatus.Cancelled or ActionStatus.Blocked) && string.IsNullOrEmpty(note))
        {
            throw new DomainRuleException("Note", Rules.Required, "say why (a note is needed to cancel, block or decline)");
        }

        if (note is { Length: > MaxNoteLength })
        {
            throw new DomainRuleException("Note", Rules.TooLong, $"must be at most {MaxNoteLength} characters");
        }

        if (Referral is not null && referral is { } moved)
        {
            Referral.Status = moved;
            Status = ServiceReferral.ActionStatusFor(moved);
        }
        else
        {
            Status = status;
        }

        if (reassignTo is { } member && member != ResponsibleMemberId)
        {
            GiveTo(member);
        }

        if (!string.IsNullOrEmpty(note))
        {
            Notes = $"{Notes}{(Notes is { Length: > 0 } ? "\n" : "")}{today:yyyy-MM-dd} {by}: {note}".Trim();
        }
    }

    /// <summary>A care team member (by membership) becomes responsible; the patient no longer is.</summary>
    public void GiveTo(Guid member) => (ResponsibleMemberId, PatientIsResponsible) = (member, false);

    /// <summary>The patient themself becomes responsible.</summary>
    public void GiveToThePatient() => (ResponsibleMemberId, PatientIsResponsible) = (null, true);

    /// <summary>Naming a service makes the action a referral, sent until the receiving partner moves it on; no service, no referral.</summary>
    public void ReferTo(string? service) =>
        Referral = string.IsNullOrWhiteSpace(service) ? null : (Referral ?? new ServiceReferral()) with { Service = service.Trim() };
}

/// <summary>A referral to a community or home care service, tracked until the receiving partner completes or declines it.</summary>
public sealed record ServiceReferral
{
    public string Service { get; set; } = "";

    public ServiceReferralStatus Status { get; set; } = ServiceReferralStatus.Sent;

    /// <summary>The action's own status that follows from the referral's: the loop is closed when completed or declined.</summary>
    public static ActionStatus ActionStatusFor(ServiceReferralStatus status) => status switch
    {
        ServiceReferralStatus.Completed => ActionStatus.Done,
        ServiceReferralStatus.Declined => ActionStatus.Cancelled,
        ServiceReferralStatus.Sent => ActionStatus.Proposed,
        _ => ActionStatus.InProgress,
    };
}

public sealed record Situation
{
    public SituationArea Area { get; set; }

    public SituationRating Rating { get; set; } = SituationRating.NotAssessed;

    public string? Details { get; set; }
}

public sealed record Assessment
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Type { get; set; } = "";

    public DateOnly Date { get; set; }

    public string? Assessor { get; set; }

    public string? Result { get; set; }

    /// <summary>A category a consent directive may withhold (mental health and addictions, say): set by the coordinator, or followed from the linked health issue.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Privacy.WithheldParts WithheldAs { get; set; }
}

public sealed record HospitalVisit
{
    public string Where { get; set; } = "";

    public DateOnly Admitted { get; set; }

    public string? Why { get; set; }

    public DateOnly? Discharged { get; set; }
}

public sealed record Treatment
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public string? Details { get; set; }

    /// <summary>A category a consent directive may withhold (mental health and addictions, say): set by the coordinator, or followed from the linked health issue.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Privacy.WithheldParts WithheldAs { get; set; }
}

public sealed record SupportService
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Provider { get; set; } = "";

    public string Service { get; set; } = "";

    public string? Frequency { get; set; }

    /// <summary>A category a consent directive may withhold (mental health and addictions, say): set by the coordinator, or followed from the linked health issue.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public Privacy.WithheldParts WithheldAs { get; set; }
}

public sealed record Appointment
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string With { get; set; } = "";

    public DateTime? When { get; set; }

    public string? Where { get; set; }

    public AppointmentStatus Status { get; set; } = AppointmentStatus.Requested;

    public bool IsReferral { get; set; }
}
