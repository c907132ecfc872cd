namespace HealthLinks.Domain;

/// <summary>
/// What the coordinators decided about a screening candidate: taken on by a coordinator (which opens an episode at
/// "identified"), or dismissed with a reason. Kept per patient, so a later screening run does not bring a dismissed
/// patient back as new.
/// </summary>
public sealed class WorklistEntry
{
    private WorklistEntry()
    {
    }

    public WorklistEntry(PatientId patientId) => PatientId = patientId;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public ProviderId? AssignedTo { get; private set; }

    public string? AssignedBy { get; private set; }

    public DateTime? AssignedAt { get; private set; }

    public DateTime? DismissedAt { get; private set; }

    public string? DismissedBy { get; private set; }

    public string? DismissedReason { get; private set; }

    public void Assign(ProviderId coordinator, string by, DateTime at) => (AssignedTo, AssignedBy, AssignedAt, DismissedAt, DismissedBy, DismissedReason) = (coordinator, by, at, null, null, null);

    public void Dismiss(string reason, string by, DateTime at)
    {
        var v = new Violations();
        var text = v.Text(nameof(DismissedReason), reason, 500, required: true);
        v.ThrowIfAny();
        (DismissedAt, DismissedBy, DismissedReason) = (at, by, text);
    }
}
