namespace HealthLinks.Domain;

/// <summary>
/// One patient whose screened data (the record's screened fields, encounters, conditions, costs, source ids) changed,
/// written in the same transaction as the change, so the population in memory reloads that patient alone.
/// </summary>
public sealed class PopulationChange(PatientId patientId)
{
    public long Id { get; private set; }

    public PatientId PatientId { get; private set; } = patientId;
}
