namespace HealthLinks.Domain;

public enum AdministrativeSex
{
    Female,
    Male,
    Other,
    Unknown,
}

public enum PreferredLanguage
{
    English,
    French,
    Other,
}

public enum ContactMethod
{
    Phone,
    Email,
    TextMessage,
    Mail,
    InPerson,
}

public sealed record Address(string? Street, string? City, string? Province, string? PostalCode);

/// <summary>What a person enters about a patient: the CCP's "My identifiers". Forms bind to it directly.</summary>
public sealed record PatientDetails
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? PreferredName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public AdministrativeSex Sex { get; set; } = AdministrativeSex.Unknown;

    public string? Gender { get; set; }

    public string? HealthCardNumber { get; set; }

    public string? HealthCardVersion { get; set; }

    public string? Street { get; set; }

    public string? City { get; set; }

    public string? Province { get; set; } = "ON";

    public string? PostalCode { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public PreferredLanguage Language { get; set; } = PreferredLanguage.English;

    public string? OtherLanguage { get; set; }

    public bool InterpreterNeeded { get; set; }

    public ContactMethod PreferredContact { get; set; } = ContactMethod.Phone;
}

public sealed class Patient
{
    private readonly List<RelatedPerson> _relatedPeople = [];
    private readonly List<CareTeamMember> _careTeam = [];
    private readonly List<Enrollment> _enrollments = [];

    private Patient()
    {
        GivenName = FamilyName = "";
        Address = new Address(null, null, null, null);
    }

    public Patient(Guid healthLinkId, PatientDetails details, DateOnly today)
        : this()
    {
        HealthLinkId = healthLinkId;
        Update(details, today);
    }

    public PatientId Id { get; private set; } = PatientId.New();

    public Guid HealthLinkId { get; private set; }

    public string GivenName { get; private set; }

    public string FamilyName { get; private set; }

    public string? PreferredName { get; private set; }

    public DateOnly DateOfBirth { get; private set; }

    public AdministrativeSex Sex { get; private set; }

    public string? Gender { get; private set; }

    public string? HealthCardNumber { get; private set; }

    public string? HealthCardVersion { get; private set; }

    public Address Address { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public PreferredLanguage Language { get; private set; }

    /// <summary>When the patient died, if they have; screening as of a later date leaves them out.</summary>
    public DateOnly? DiedOn { get; private set; }

    public string? OtherLanguage { get; private set; }

    /// <summary>How often the lead coordinator contacts the patient; null follows the risk tier (<see cref="ContactCadences.ForScore"/>).</summary>
    public ContactCadence? ContactCadence { get; private set; }

    public void SetContactCadence(ContactCadence? cadence)
    {
        if (cadence is { } c && !Enum.IsDefined(c))
        {
            throw new DomainRuleException(nameof(ContactCadence), Rules.Required, "is not a known cadence");
        }

        ContactCadence = cadence;
    }

    public bool InterpreterNeeded { get; private set; }

    public ContactMethod PreferredContact { get; private set; }

    public IReadOnlyList<RelatedPerson> RelatedPeople => _relatedPeople;

    public IReadOnlyList<CareTeamMember> CareTeam => _careTeam;

    public IReadOnlyList<Enrollment> Enrollments => _enrollments;

    /// <summary>Folded names for accent- and case-insensitive search.</summary>
    public string SearchKey { get; private set; } = "";

    public string DisplayName => $"{GivenName} {FamilyName}";

    public Enrollment? OpenEnrollment => _enrollments.FirstOrDefault(e => e.IsOpen);

    public PatientDetails ToDetails() => new()
    {
        GivenName = GivenName,
        FamilyName = FamilyName,
        PreferredName = PreferredName,
        DateOfBirth = DateOfBirth,
        Sex = Sex,
        Gender = Gender,
        HealthCardNumber = HealthCardNumber,
        HealthCardVersion = HealthCardVersion,
        Street = Address.Street,
        City = Address.City,
        Province = Address.Province,
        PostalCode = Address.PostalCode,
        Phone = Phone,
        Email = Email,
        Language = Language,
        OtherLanguage = OtherLanguage,
        InterpreterNeeded = InterpreterNeeded,
        PreferredContact = PreferredContact,
    };

    public void RecordDeath(DateOnly diedOn, DateOnly today)
    {
        if (diedOn > today || diedOn < DateOfBirth)
        {
            throw new DomainRuleException(nameof(DiedOn), Rules.OutOfRange, "must be between the date of birth and today");
        }

        DiedOn = diedOn;
    }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - DateOfBirth.Year;
        return DateOfBirth.AddYears(age) > day ? age - 1 : age;
    }

    public void Update(PatientDetails d, DateOnly today)
    {
        var v = new Violations();
        var given = v.Text(nameof(GivenName), d.GivenName, 100, required: true);
        var family = v.Text(nameof(FamilyName), d.FamilyName, 100, required: true);
        var preferred = v.Text(nameof(PreferredName), d.PreferredName, 100, required: false);
        var gender = v.Text(nameof(Gender), d.Gender, 60, required: false);
        if (d.DateOfBirth is not { } dob)
        {
            v.Add(nameof(DateOfBirth), Rules.Required, "is required");
        }
        else if (dob > today)
        {
            v.Add(nameof(DateOfBirth), Rules.BirthDateInFuture, "cannot be in the future");
        }
        else if (dob.Year < 1900)
        {
            v.Add(nameof(DateOfBirth), Rules.BirthDateTooEarly, "must be in 1900 or later");
        }

        HealthCardNumber? card = null;
        if (!string.IsNullOrWhiteSpace(d.HealthCardNumber))
        {
            card = Domain.HealthCardNumber.Read(d.HealthCardNumber, d.HealthCardVersion, v);
        }
        else if (!string.IsNullOrWhiteSpace(d.HealthCardVersion))
        {
            v.Add(nameof(HealthCardNumber), Rules.Required, "is required when a version code is given");
        }

        var street = v.Text("Street", d.Street, 200, required: false);
        var city = v.Text("City", d.City, 100, required: false);
        var province = v.Text("Province", d.Province, 2, required: false)?.ToUpperInvariant();
        var postal = v.Text("PostalCode", d.PostalCode, 7, required: false)?.ToUpperInvariant();
        if (postal is not null && !ContactFormats.IsPostalCode(postal))
        {
            v.Add("PostalCode", Rules.InvalidPostalCode, "is not a Canadian postal code (A1A 1A1)");
        }

        var phone = v.Phone(nameof(Phone), d.Phone);
        var email = v.Email(nameof(Email), d.Email);
        var otherLanguage = v.Text(nameof(OtherLanguage), d.OtherLanguage, 60, required: d.Language == PreferredLanguage.Other);
        v.ThrowIfAny();

        (GivenName, FamilyName, PreferredName, DateOfBirth, Sex, Gender) = (given!, family!, preferred, d.DateOfBirth!.Value, d.Sex, gender);
        (HealthCardNumber, HealthCardVersion) = (card?.Number, card?.VersionCode);
        SearchKey = SearchText.Fold($"{FamilyName} {GivenName} {PreferredName}");
        Address = new Address(street, city, province, postal is { Length: 6 } ? $"{postal[..3]} {postal[3..]}" : postal);
        (Phone, Email, Language, InterpreterNeeded, PreferredContact) = (phone, email, d.Language, d.InterpreterNeeded, d.PreferredContact);
        OtherLanguage = d.Language == PreferredLanguage.Other ? otherLanguage : null;
    }

    public RelatedPerson AddRelatedPerson(string givenName, string familyName, string relationship, RelatedPersonRoles roles, string? phone, string? email)
    {
        var person = new RelatedPerson(Id, givenName, familyName, relationship, roles, phone, email);
        _relatedPeople.Add(person);
        return person;
    }

    /// <summary>Starts an episode of coordinated care; a patient has at most one open episode.</summary>
    public Enrollment Identify(Guid healthLinkId, IdentificationSource source, string by, DateTime at, string? why)
    {
        if (OpenEnrollment is not null)
        {
            throw new DomainRuleException("Enrollment", Rules.OneOpenEpisode, "the patient already has an open episode of coordinated care");
        }

        var episode = new Enrollment(Id, healthLinkId, source, by, at, why);
        _enrollments.Add(episode);
        return episode;
    }

    public CareTeamMember AddProviderToTeam(ProviderId provider, string role, DateOnly joinedOn, bool isLead = false, TeamRole? teamRole = null) =>
        Described(AddMember(new CareTeamMember(Id, CareTeamMemberKind.Provider, provider, null, role, isLead, joinedOn)), isLead ? Domain.TeamRole.LeadCareCoordinator : teamRole);

    public CareTeamMember AddRelatedPersonToTeam(Guid relatedPersonId, string role, DateOnly joinedOn)
    {
        if (_relatedPeople.All(p => p.Id != relatedPersonId))
        {
            throw new DomainRuleException("RelatedPersonId", Rules.NotFound, "is not one of this patient's related people");
        }

        return Described(AddMember(new CareTeamMember(Id, CareTeamMemberKind.RelatedPerson, null, relatedPersonId, role, false, joinedOn)), Domain.TeamRole.Caregiver);
    }

    public CareTeamMember AddSelfToTeam(DateOnly joinedOn) =>
        Described(AddMember(new CareTeamMember(Id, CareTeamMemberKind.Patient, null, null, "Patient", false, joinedOn)), Domain.TeamRole.Patient);

    private static CareTeamMember Described(CareTeamMember member, TeamRole? role)
    {
        if (role is { } known)
        {
            member.Describe(known, false);
        }

        return member;
    }

    public void EndMembership(Guid memberId, DateOnly leftOn) => Member(memberId).Leave(leftOn);

    /// <summary>
    /// Someone joins the care team with a role from the list, from today or an earlier day: a provider, a related person
    /// of the patient's, or the patient. The lead comes by enrollment or a hand-off, not from here; no one is on the team
    /// twice at once.
    /// </summary>
    public CareTeamMember JoinTeam(CareTeamMemberKind kind, ProviderId? provider, Guid? relatedPersonId, TeamRole role, string? otherRole, bool mainContact, DateOnly joinedOn, DateOnly today)
    {
        var v = new Violations();
        if (joinedOn > today)
        {
            v.Add("JoinedOn", Rules.DateInFuture, "cannot be in the future");
        }
        else if (joinedOn < DateOfBirth)
        {
            v.Add("JoinedOn", Rules.BeforeBirth, "cannot be before the patient was born");
        }

        if (role == Domain.TeamRole.LeadCareCoordinator)
        {
            v.Add("Role", Rules.LeadIsHandedOff, "the lead care coordinator comes by enrollment or a hand-off");
        }

        var words = role == Domain.TeamRole.Other ? v.Text("OtherRole", otherRole, 100, required: true) : role.ToString();
        if (kind == CareTeamMemberKind.RelatedPerson && _relatedPeople.All(p => p.Id != relatedPersonId))
        {
            v.Add("RelatedPersonId", Rules.NotFound, "is not one of this patient's related people");
        }

        var end = DateOnly.MaxValue;
        if (_careTeam.Any(m => m.Kind == kind && m.ProviderId == provider && m.RelatedPersonId == relatedPersonId && (m.LeftOn ?? end) > joinedOn))
        {
            v.Add("Member", Rules.AlreadyOnTeam, "is already on the care team");
        }

        v.ThrowIfAny();
        var member = AddMember(new CareTeamMember(Id, kind, provider, relatedPersonId, words!, false, joinedOn));
        member.Describe(role, mainContact);
        return member;
    }

    /// <summary>A membership ends on a day, with the reason; the history stays. The lead's ends only by a hand-off.</summary>
    public void LeaveTeam(Guid memberId, DateOnly leftOn, string reason)
    {
        var member = Member(memberId);
        if (member.IsLead)
        {
            throw new DomainRuleException("Member", Rules.LeadIsHandedOff, "the lead care coordinator is not removed: hand the lead role off instead");
        }

        member.Leave(leftOn, reason);
    }

    /// <summary>
    /// A warm hand-off's changeover: the incoming lead joins the team now (when the changeover is later) so both are on
    /// it until then; the old lead's membership ends and the new lead's begins on the changeover day.
    /// </summary>
    public void HandOverLead(ProviderId to, DateOnly changeover, DateOnly today)
    {
        var oldLead = LeadOn(today) ?? throw new DomainRuleException("Lead", Rules.NotFound, "the patient has no lead care coordinator to hand off from");
        var onTeam = _careTeam.Any(m => m.ProviderId == to && m.IsActiveOn(today) && (m.LeftOn is null || m.LeftOn >= changeover));
        if (changeover > today && !onTeam)
        {
            var incoming = AddProviderToTeam(to, "Incoming lead care coordinator", today);
            EndMembership(incoming.Id, changeover);
        }

        if (changeover > oldLead.JoinedOn)
        {
            EndMembership(oldLead.Id, changeover);
        }

        AddProviderToTeam(to, "Lead care coordinator", changeover, isLead: true);
    }

    /// <summary>The lead care coordinator on a given day, if any.</summary>
    public CareTeamMember? LeadOn(DateOnly day) => _careTeam.FirstOrDefault(m => m.IsLead && m.IsActiveOn(day));

    private CareTeamMember Member(Guid memberId) =>
        _careTeam.FirstOrDefault(m => m.Id == memberId)
        ?? throw new DomainRuleException("MemberId", Rules.NotFound, "is not a member of this care team");

    private CareTeamMember AddMember(CareTeamMember member)
    {
        if (member.IsLead && _careTeam.Any(m => m.IsLead && m.Overlaps(member)))
        {
            throw new DomainRuleException("IsLead", Rules.OneLeadAtATime, "the care team already has a lead care coordinator for that period");
        }

        _careTeam.Add(member);
        return member;
    }
}
