namespace HealthLinks.Domain;

public enum CareTeamMemberKind
{
    Provider,
    RelatedPerson,
    Patient,
}

/// <summary>What a member does on the team, from the provincial list; Other carries its own words.</summary>
public enum TeamRole
{
    LeadCareCoordinator,
    FamilyPhysician,
    Specialist,
    Pharmacist,
    HomeCareCoordinator,
    Nurse,
    SocialWorker,
    MentalHealthWorker,
    PersonalSupportWorker,
    CommunityAgencyWorker,
    Caregiver,
    SubstituteDecisionMaker,
    Patient,
    Other,
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

    /// <summary>The role in words: the text of an Other role, or (for members added before the list) what was typed.</summary>
    public string Role { get; private set; }

    /// <summary>The role from the list; null for members added before the list existed.</summary>
    public TeamRole? TeamRole { get; private set; }

    /// <summary>The member the patient or the team calls first.</summary>
    public bool IsMainContact { get; private set; }

    /// <summary>Why the membership ended, when it was ended from the team page.</summary>
    public string? LeftReason { get; private set; }

    public bool IsLead { get; private set; }

    public DateOnly JoinedOn { get; private set; }

    /// <summary>The first day no longer on the team; null while still a member.</summary>
    public DateOnly? LeftOn { get; private set; }

    public bool IsActiveOn(DateOnly day) => JoinedOn <= day && (LeftOn is null || day < LeftOn);

    internal bool Overlaps(CareTeamMember other) =>
        JoinedOn < (other.LeftOn ?? DateOnly.MaxValue) && other.JoinedOn < (LeftOn ?? DateOnly.MaxValue);

    internal void Describe(TeamRole role, bool mainContact) => (TeamRole, IsMainContact) = (role, mainContact);

    internal void Leave(DateOnly leftOn, string reason)
    {
        var v = new Violations();
        LeftReason = v.Text(nameof(LeftReason), reason, 500, required: true);
        v.ThrowIfAny();
        Leave(leftOn);
    }

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
