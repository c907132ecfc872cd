using System.Text.Json;

namespace HealthLinks.Domain;

/// <summary>A Health Link's screening rules as saved; each save is a new version, and each run records the version it used.</summary>
public sealed class ScreeningRuleSet
{
    private ScreeningRuleSet()
    {
        CriteriaJson = SavedBy = "";
    }

    public ScreeningRuleSet(Guid healthLinkId, int version, ScreeningCriteria criteria, string savedBy, DateTime savedAt)
    {
        criteria.Check();
        (HealthLinkId, Version, CriteriaJson, SavedBy, SavedAt) = (healthLinkId, version, JsonSerializer.Serialize(criteria, CarePlan.Json), savedBy, savedAt);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid HealthLinkId { get; private set; }

    public int Version { get; private set; }

    public string CriteriaJson { get; private set; }

    public string SavedBy { get; private set; }

    public DateTime SavedAt { get; private set; }

    public ScreeningCriteria Criteria => JsonSerializer.Deserialize<ScreeningCriteria>(CriteriaJson, CarePlan.Json) ?? ScreeningCriteria.Provincial;
}

/// <summary>One screening of a Health Link's population as of a date, with the rule version used.</summary>
public sealed class ScreeningRun
{
    private ScreeningRun()
    {
        RanBy = "";
    }

    public ScreeningRun(Guid healthLinkId, DateOnly asOf, int ruleVersion, string ranBy, DateTime ranAt, int screened)
    {
        (HealthLinkId, AsOf, RuleVersion, RanBy, RanAt, Screened) = (healthLinkId, asOf, ruleVersion, ranBy, ranAt, screened);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid HealthLinkId { get; private set; }

    public DateOnly AsOf { get; private set; }

    /// <summary>0 means the provincial defaults, never saved as a version of their own.</summary>
    public int RuleVersion { get; private set; }

    public string RanBy { get; private set; }

    public DateTime RanAt { get; private set; }

    public int Screened { get; private set; }
}

/// <summary>A patient who met at least one criterion in a run: the counts, the criteria, and the evidence behind them.</summary>
public sealed class ScreeningResult
{
    private ScreeningResult()
    {
        Criteria = EvidenceJson = "";
    }

    public ScreeningResult(Guid runId, PatientId patientId, int edVisits, int admissions, int chronicConditions, int distinctProviders, IEnumerable<string> criteria, string evidenceJson, bool isNewCandidate)
    {
        (RunId, PatientId, EdVisits12m, Admissions12m, ChronicConditions, DistinctProviders, EvidenceJson, IsNewCandidate) =
            (runId, patientId, edVisits, admissions, chronicConditions, distinctProviders, evidenceJson, isNewCandidate);
        Criteria = string.Join(',', criteria);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RunId { get; private set; }

    public PatientId PatientId { get; private set; }

    public int EdVisits12m { get; private set; }

    public int Admissions12m { get; private set; }

    public int ChronicConditions { get; private set; }

    public int DistinctProviders { get; private set; }

    /// <summary>Comma-separated criterion names, e.g. "utilization,chronic-conditions".</summary>
    public string Criteria { get; private set; }

    public string EvidenceJson { get; private set; }

    /// <summary>The cost-risk model's probability, when a model was trained; its top drivers as JSON.</summary>
    public float? Score { get; init; }

    public string DriversJson { get; init; } = "[]";

    /// <summary>"hospital-event" when a hospital's message re-screened the patient between runs; null from a run.</summary>
    public string? Source { get; init; }

    /// <summary>False when the patient already had an open episode (identified, invited, enrolled...): not a new candidate.</summary>
    public bool IsNewCandidate { get; private set; }
}
