namespace HealthLinks.Domain;

public enum CodeSystem
{
    Icd10Ca,
    SnomedCt,
}

public enum ConditionStatus
{
    Active,
    Inactive,
    Resolved,
}

public sealed class Condition
{
    private Condition()
    {
        Code = Display = Source = "";
    }

    public Condition(PatientId patientId, CodeSystem system, string code, string display, DateOnly? onset, ConditionStatus status, string source)
    {
        var v = new Violations();
        Code = v.Text(nameof(Code), code, 20, required: true) ?? "";
        Display = v.Text(nameof(Display), display, 300, required: true) ?? "";
        v.ThrowIfAny();
        (PatientId, System, Onset, Status, Source) = (patientId, system, onset, status, source);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public CodeSystem System { get; private set; }

    public string Code { get; private set; }

    public string Display { get; private set; }

    public DateOnly? Onset { get; private set; }

    public ConditionStatus Status { get; private set; }

    public string Source { get; private set; }

    public void MoveTo(PatientId survivor) => PatientId = survivor;
}
