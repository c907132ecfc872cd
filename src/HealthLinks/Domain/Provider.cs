namespace HealthLinks.Domain;

public enum Profession
{
    CareCoordinator,
    FamilyPhysician,
    NursePractitioner,
    RegisteredNurse,
    Specialist,
    Pharmacist,
    SocialWorker,
    PersonalSupportWorker,
    Physiotherapist,
    OccupationalTherapist,
    Dietitian,
    MentalHealthWorker,
    CommunityWorker,
    Other,
}

/// <summary>A person who provides care or support, working for one organization.</summary>
public sealed class Provider
{
    private Provider()
    {
        FamilyName = GivenName = "";
    }

    public Provider(Guid organizationId, string givenName, string familyName, Profession profession, string? phone = null, string? email = null)
    {
        OrganizationId = organizationId;
        FamilyName = GivenName = "";
        Update(organizationId, givenName, familyName, profession, phone, email);
    }

    public ProviderId Id { get; private set; } = ProviderId.New();

    public Guid OrganizationId { get; private set; }

    public string GivenName { get; private set; }

    public string FamilyName { get; private set; }

    public Profession Profession { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public string DisplayName => $"{GivenName} {FamilyName}";

    /// <summary>Health-care professionals count towards a complete plan; community workers and others do not.</summary>
    public bool IsHealthCareProfessional => Profession is not (Profession.CommunityWorker or Profession.PersonalSupportWorker or Profession.Other);

    public void Update(Guid organizationId, string givenName, string familyName, Profession profession, string? phone, string? email)
    {
        var v = new Violations();
        var given = v.Text(nameof(GivenName), givenName, 100, required: true);
        var family = v.Text(nameof(FamilyName), familyName, 100, required: true);
        var checkedPhone = v.Phone(nameof(Phone), phone);
        var checkedEmail = v.Email(nameof(Email), email);
        if (organizationId == Guid.Empty)
        {
            v.Add(nameof(OrganizationId), Rules.Required, "is required");
        }

        if (!Enum.IsDefined(profession))
        {
            v.Add(nameof(Profession), Rules.Required, "is not a known profession");
        }

        v.ThrowIfAny();
        (OrganizationId, GivenName, FamilyName, Profession, Phone, Email) = (organizationId, given!, family!, profession, checkedPhone, checkedEmail);
    }
}
