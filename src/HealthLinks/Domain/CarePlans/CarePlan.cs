using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthLinks.Domain;

/// <summary>What the plan's completeness depends on outside the plan itself.</summary>
public sealed record CompletenessFacts(bool IdentifiersComplete, int HealthCareProfessionalsOnTeam);

/// <summary>The four minimum items of a complete plan, each on its own so the page can say which is missing.</summary>
public sealed record PlanCompleteness(bool Identifiers, bool TwoProfessionals, bool AGoal, bool AnAction)
{
    public bool IsComplete => Identifiers && TwoProfessionals && AGoal && AnAction;

    /// <summary>Cancelled goals and actions do not count.</summary>
    public static PlanCompleteness Of(CarePlanDocument document, CompletenessFacts facts)
    {
        var goals = document.Goals.Where(g => g.Lifecycle != GoalLifecycle.Cancelled).ToList();
        return new(
            facts.IdentifiersComplete,
            facts.HealthCareProfessionalsOnTeam >= 2,
            goals.Count > 0,
            goals.Any(g => g.Actions.Any(a => a.Status != ActionStatus.Cancelled)));
    }
}

/// <summary>Someone saved the plan after this editor opened it: nothing was saved.</summary>
public sealed class StalePlanException(int expectedVersion, int currentVersion)
    : Exception($"The plan was saved by someone else (version {currentVersion}) after version {expectedVersion} was opened.")
{
    public int ExpectedVersion { get; } = expectedVersion;

    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>One coordinated care plan per patient: a living document. Every save keeps a whole version, with who, when and what changed.</summary>
public sealed class CarePlan
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly List<CarePlanVersion> _versions = [];
    private CarePlanDocument? _document;

    private CarePlan()
    {
        CreatedBy = UpdatedBy = "";
        DocumentJson = "{}";
    }

    public CarePlan(PatientId patientId, string by, DateTime at)
        : this()
    {
        (PatientId, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy) = (patientId, at, by, at, by);
        DocumentJson = JsonSerializer.Serialize(new CarePlanDocument(), Json);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    /// <summary>0 until the first save; the database also checks it, so two saves from the same version cannot both land.</summary>
    public int Version { get; private set; }

    public DateTime? LastReviewedAt { get; private set; }

    public string? LastReviewedBy { get; private set; }

    public DateOnly? NextReviewDue { get; private set; }

    /// <summary>The first moment the plan was complete; reports count it, so it is never cleared.</summary>
    public DateTime? CompletedAt { get; private set; }

    public string DocumentJson { get; private set; }

    public CarePlanDocument Document => _document ??= Read(DocumentJson);

    public IReadOnlyList<CarePlanVersion> Versions => _versions;

    public static CarePlanDocument Read(string json) => JsonSerializer.Deserialize<CarePlanDocument>(json, Json) ?? new CarePlanDocument();

    /// <summary>Saves a new version, or refuses: a stale editor, or a document that breaks a rule. Returns null when nothing changed.</summary>
    public CarePlanVersion? Save(CarePlanDocument document, int expectedVersion, IReadOnlySet<Guid> teamMemberIds, CompletenessFacts facts, string by, DateTime at)
    {
        if (expectedVersion != Version)
        {
            throw new StalePlanException(expectedVersion, Version);
        }

        CarePlanRules.Check(document, OntarioTime.DayOf(CreatedAt), OntarioTime.DayOf(at), teamMemberIds);
        var changes = PlanDiff.Between(Document, document);
        if (changes.Count == 0)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(document, Json);
        // Keep our own copy: the caller (a form) may go on changing the document it passed in.
        (DocumentJson, _document, Version, UpdatedAt, UpdatedBy) = (json, Read(json), Version + 1, at, by);
        if (CompletedAt is null && PlanCompleteness.Of(document, facts).IsComplete)
        {
            CompletedAt = at;
        }

        var version = new CarePlanVersion(Id, Version, at, by, PlanDiff.Summary(changes), json);
        _versions.Add(version);
        return version;
    }

    /// <summary>
    /// Completeness looked at again when what it depends on outside the plan changes (the care team), not only when the
    /// plan is saved.
    /// </summary>
    public void Reconsider(CompletenessFacts facts, DateTime at)
    {
        if (CompletedAt is null && Version > 0 && PlanCompleteness.Of(Document, facts).IsComplete)
        {
            CompletedAt = at;
        }
    }

    /// <summary>The team reviewed the plan with the patient; the next review is due on the date given.</summary>
    public void MarkReviewed(DateOnly nextReviewDue, string by, DateTime at)
    {
        if (nextReviewDue <= OntarioTime.DayOf(at))
        {
            throw new DomainRuleException(nameof(NextReviewDue), Rules.ReviewDueInPast, "the next review must be after today");
        }

        (LastReviewedAt, LastReviewedBy, NextReviewDue) = (at, by, nextReviewDue);
    }
}

public sealed class CarePlanVersion
{
    private CarePlanVersion()
    {
        SavedBy = Summary = DocumentJson = "";
    }

    internal CarePlanVersion(Guid carePlanId, int number, DateTime savedAt, string savedBy, string summary, string documentJson)
    {
        (CarePlanId, Number, SavedAt, SavedBy, Summary, DocumentJson) = (carePlanId, number, savedAt, savedBy, summary, documentJson);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid CarePlanId { get; private set; }

    public int Number { get; private set; }

    public DateTime SavedAt { get; private set; }

    public string SavedBy { get; private set; }

    /// <summary>What changed, by section, e.g. "Goals: 1 added; Medications: 1 changed".</summary>
    public string Summary { get; private set; }

    public string DocumentJson { get; private set; }

    public CarePlanDocument Document => CarePlan.Read(DocumentJson);
}

/// <summary>One review of a plan with the patient: kept, so the reports can count reviews as they stood at any date.</summary>
public sealed class PlanReview
{
    private PlanReview()
    {
        By = "";
    }

    public PlanReview(Guid carePlanId, PatientId patientId, DateTime at, string by) => (CarePlanId, PatientId, At, By) = (carePlanId, patientId, at, by);

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid CarePlanId { get; private set; }

    public PatientId PatientId { get; private set; }

    public DateTime At { get; private set; }

    public string By { get; private set; }
}
