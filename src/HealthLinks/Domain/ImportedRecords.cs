namespace HealthLinks.Domain;

/// <summary>
/// Remembers which outside record (a FHIR resource by its type and id) became which record here, so importing the same
/// data again changes nothing, and later files can refer to what earlier ones brought in.
/// </summary>
public sealed class SourceLink
{
    private SourceLink()
    {
        Source = ResourceType = SourceId = "";
    }

    public SourceLink(string source, string resourceType, string sourceId, Guid localId, PatientId? patientId = null)
    {
        (Source, ResourceType, SourceId, LocalId, PatientId) = (source, resourceType, sourceId, localId, patientId);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>"fhir" for now; HL7 v2 feeds will add theirs.</summary>
    public string Source { get; private set; }

    public string ResourceType { get; private set; }

    public string SourceId { get; private set; }

    public Guid LocalId { get; private set; }

    /// <summary>For a patient's own records, whose they are; screening reports a patient's source ids.</summary>
    public PatientId? PatientId { get; private set; }

    public void MoveTo(PatientId survivor, Guid localId) => (PatientId, LocalId) = (survivor, localId);
}

public enum CostKind
{
    Claim,
    ExplanationOfBenefit,
}

/// <summary>What a service cost, from a claim or an explanation of benefit; the cost-based risk score learns from it.</summary>
public sealed class CostRecord
{
    private CostRecord()
    {
        Currency = Source = "";
    }

    public CostRecord(PatientId patientId, CostKind kind, DateTime at, decimal amount, string currency, string source)
    {
        if (amount < 0)
        {
            throw new DomainRuleException(nameof(Amount), Rules.NegativeAmount, "a cost cannot be negative");
        }

        (PatientId, Kind, At, Amount, Currency, Source) = (patientId, kind, at, amount, currency, source);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public CostKind Kind { get; private set; }

    public DateTime At { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    public string Source { get; private set; }

    public void MoveTo(PatientId survivor) => PatientId = survivor;
}

/// <summary>A prescription as the prescriber's or pharmacy's system tells it.</summary>
public sealed class MedicationOrder
{
    private MedicationOrder()
    {
        Code = Display = Status = Source = "";
    }

    public MedicationOrder(PatientId patientId, string code, string display, DateTime? authoredOn, string status, string source)
    {
        var v = new Violations();
        Code = v.Text(nameof(Code), code, 40, required: true) ?? "";
        Display = v.Text(nameof(Display), display, 300, required: true) ?? "";
        v.ThrowIfAny();
        (PatientId, AuthoredOn, Status, Source) = (patientId, authoredOn, status, source);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public string Code { get; private set; }

    public string Display { get; private set; }

    public DateTime? AuthoredOn { get; private set; }

    public string Status { get; private set; }

    public string Source { get; private set; }

    public void MoveTo(PatientId survivor) => PatientId = survivor;
}
