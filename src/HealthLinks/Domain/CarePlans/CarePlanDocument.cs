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

public enum AppointmentStatus
{
    Requested,
    Booked,
    Attended,
    Missed,
    Cancelled,
}

/// <summary>The coordinated care plan's own sections (3 to 11 of the provincial template), in the patient's voice. Identifiers and the care team come from their records.</summary>
public sealed record CarePlanDocument
{
    public List<HealthIssue> HealthIssues { get; init; } = [];

    public List<Allergy> Allergies { get; init; } = [];

    public List<Medication> Medications { get; init; } = [];

    public List<Goal> Goals { get; init; } = [];

    public List<Situation> Situation { get; init; } = [];

    public List<Assessment> Assessments { get; init; } = [];

    public HospitalVisit? LastHospitalVisit { get; init; }

    public List<Treatment> OtherTreatments { get; init; } = [];

    public List<SupportService> Supports { get; init; } = [];

    public List<Appointment> Appointments { get; init; } = [];
}

public sealed record HealthIssue(Guid Id, string InMyWords, CodeSystem System, string Code, string Display);

public sealed record Allergy(Guid Id, string Substance, string? Reaction, AllergySeverity Severity);

public sealed record Medication(Guid Id, string Name, string? Dose, string? Frequency, string? Prescriber, string? Pharmacy, string? Purpose, string? Source);

public sealed record Goal(Guid Id, string InMyWords, GoalPriority Priority, DateOnly? TargetDate, GoalLifecycle Lifecycle, GoalAchievement Achievement, List<PlanAction> Actions);

/// <summary>Who does it: a care team member (by their membership), or the patient themself.</summary>
public sealed record PlanAction(Guid Id, string What, Guid? ResponsibleMemberId, bool PatientIsResponsible, DateOnly? TargetDate, ActionStatus Status, string? Notes);

public sealed record Situation(SituationArea Area, SituationRating Rating, string? Details);

public sealed record Assessment(Guid Id, string Type, DateOnly Date, string? Assessor, string? Result);

public sealed record HospitalVisit(string Where, DateOnly Admitted, string? Why, DateOnly? Discharged);

public sealed record Treatment(Guid Id, string Name, string? Details);

public sealed record SupportService(Guid Id, string Provider, string Service, string? Frequency);

public sealed record Appointment(Guid Id, string With, DateTime? When, string? Where, AppointmentStatus Status, bool IsReferral);
