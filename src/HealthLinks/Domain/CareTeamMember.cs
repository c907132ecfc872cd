namespace HealthLinks.Domain;

public enum CareTeamMemberKind
{
    Provider,
    RelatedPerson,
    Patient,
}

/// <summary>A place on the patient's care team (circle of care) for a period; the lead care coordinator is a provider member flagged IsLead.</summary>
public sealed class CareTeamMember
{
    private CareTeamMember()
    {
        Role = "";
    }

    internal CareTeamMember(PatientId patientId, CareTeamMemberKind kind, ProviderId? providerId, Guid? relatedPersonId, string role, bool isLead, DateOnly joinedOn)
    {
        var v = new Violations();
        Role = v.Text(nameof(Role), role, 100, required: true) ?? "";
        var identified = kind switch
        {
            CareTeamMemberKind.Provider => providerId is not null,
            CareTeamMemberKind.RelatedPerson => relatedPersonId is not null,
            _ => true,
        };
        if (!identified)
        {
            v.Add("Member", Rules.MemberKindRequired, "name the provider or related person who joins the team");
        }

        if (isLead && kind != CareTeamMemberKind.Provider)
        {
            v.Add(nameof(IsLead), Rules.LeadMustBeProvider, "the lead care coordinator must be a provider");
        }

        v.ThrowIfAny();
        (PatientId, Kind, ProviderId, RelatedPersonId, IsLead, JoinedOn) = (patientId, kind, providerId, relatedPersonId, isLead, joinedOn);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public CareTeamMemberKind Kind { get; private set; }

    public ProviderId? ProviderId { get; private set; }

    public Guid? RelatedPersonId { get; private set; }

    public string Role { get; private set; }

    public bool IsLead { get; private set; }

    public DateOnly JoinedOn { get; private set; }

    /// <summary>The first day no longer on the team; null while still a member.</summary>
    public DateOnly? LeftOn { get; private set; }

    public bool IsActiveOn(DateOnly day) => JoinedOn <= day && (LeftOn is null || day < LeftOn);

    internal bool Overlaps(CareTeamMember other) =>
        JoinedOn < (other.LeftOn ?? DateOnly.MaxValue) && other.JoinedOn < (LeftOn ?? DateOnly.MaxValue);

    internal void Leave(DateOnly leftOn)
    {
        if (LeftOn is not null)
        {
            throw new DomainRuleException(nameof(LeftOn), Rules.AlreadyLeft, "this member has already left the team");
        }

        if (leftOn <= JoinedOn)
        {
            throw new DomainRuleException(nameof(LeftOn), Rules.LeftBeforeJoined, "must be after the day the member joined");
        }

        LeftOn = leftOn;
    }
}
