namespace HealthLinks.Domain;

[Flags]
public enum RelatedPersonRoles
{
    None = 0,
    Caregiver = 1,
    SubstituteDecisionMaker = 2,
    EmergencyContact = 4,
}

/// <summary>Family or friends around the patient: caregiver, substitute decision-maker, emergency contact (any of them).</summary>
public sealed class RelatedPerson
{
    private RelatedPerson()
    {
        GivenName = FamilyName = Relationship = "";
    }

    internal RelatedPerson(PatientId patientId, string givenName, string familyName, string relationship, RelatedPersonRoles roles, string? phone, string? email)
    {
        var v = new Violations();
        GivenName = v.Text(nameof(GivenName), givenName, 100, required: true) ?? "";
        FamilyName = v.Text(nameof(FamilyName), familyName, 100, required: true) ?? "";
        Relationship = v.Text(nameof(Relationship), relationship, 60, required: true) ?? "";
        Phone = v.Phone(nameof(Phone), phone);
        Email = v.Email(nameof(Email), email);
        if (roles == RelatedPersonRoles.None)
        {
            v.Add(nameof(Roles), Rules.RelationshipRequired, "choose at least one: caregiver, substitute decision-maker, emergency contact");
        }

        v.ThrowIfAny();
        PatientId = patientId;
        Roles = roles;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public string GivenName { get; private set; }

    public string FamilyName { get; private set; }

    public string Relationship { get; private set; }

    public RelatedPersonRoles Roles { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public string DisplayName => $"{GivenName} {FamilyName}";
}
