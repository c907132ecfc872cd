namespace HealthLinks.Domain;

public enum EncounterKind
{
    EmergencyVisit,
    InpatientStay,
    AmbulatoryVisit,
    HomeCareVisit,
    Other,
}

/// <summary>A contact with the health system, as a hospital, clinic or home-care record tells it.</summary>
public sealed class Encounter
{
    private Encounter()
    {
        Source = "";
    }

    public Encounter(PatientId patientId, EncounterKind kind, DateTime start, DateTime? end, Guid? facilityId, ProviderId? providerId, string source, string? reason = null)
    {
        if (end is not null && end < start)
        {
            throw new DomainRuleException(nameof(End), Rules.EndBeforeStart, "the encounter cannot end before it starts");
        }

        (PatientId, Kind, Start, End, FacilityId, ProviderId, Source, Reason) = (patientId, kind, start, end, facilityId, providerId, source, reason);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public EncounterKind Kind { get; private set; }

    public DateTime Start { get; private set; }

    public DateTime? End { get; private set; }

    public Guid? FacilityId { get; private set; }

    public ProviderId? ProviderId { get; private set; }

    /// <summary>Where the record came from (seed, fhir, hl7v2).</summary>
    public string Source { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Another record of the same person absorbs this patient's (a merge).</summary>
    public void MoveTo(PatientId survivor) => PatientId = survivor;

    /// <summary>Whether the source tells the encounter otherwise than it is recorded.</summary>
    public bool DiffersFrom(Encounter told) =>
        (PatientId, Kind, Start, End, FacilityId, ProviderId, Reason) != (told.PatientId, told.Kind, told.Start, told.End, told.FacilityId, told.ProviderId, told.Reason);

    /// <summary>The same encounter told again by its source, perhaps with more (a discharge time, a reason); true when anything changed.</summary>
    public bool Update(Encounter told)
    {
        if (told.PatientId != PatientId)
        {
            throw new DomainRuleException(nameof(PatientId), Rules.NotAllowed, "names another patient than the encounter already recorded");
        }

        var changed = DiffersFrom(told);
        (Kind, Start, End, FacilityId, ProviderId, Reason) = (told.Kind, told.Start, told.End, told.FacilityId, told.ProviderId, told.Reason);
        return changed;
    }
}
