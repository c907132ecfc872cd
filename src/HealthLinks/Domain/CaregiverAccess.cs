namespace HealthLinks.Domain;

/// <summary>Who agreed that the caregiver may read the plan.</summary>
public enum AgreementGivenBy
{
    Patient,
    SubstituteDecisionMaker,
}

/// <summary>How the agreement was given.</summary>
public enum AgreementMethod
{
    InPerson,
    Phone,
    Written,
    Electronic,
}

/// <summary>
/// A caregiver may read the patient's plan, read-only, because the patient (or their substitute decision-maker) agreed.
/// It ends on its expiry date or when revoked; the record stays, so who had access and why is never lost.
/// The caregiver signs in with the email address the access was given to.
/// </summary>
public sealed class CaregiverAccess
{
    private CaregiverAccess()
    {
        Email = GrantedBy = "";
    }

    public CaregiverAccess(Patient patient, Guid relatedPersonId, AgreementGivenBy agreedBy, AgreementMethod how, DateOnly agreedOn, DateOnly expiresOn, string grantedBy, DateTime grantedAt)
        : this()
    {
        var today = OntarioTime.DayOf(grantedAt);
        var v = new Violations();
        var person = patient.RelatedPeople.FirstOrDefault(r => r.Id == relatedPersonId);
        if (person is null)
        {
            v.Add("RelatedPersonId", Rules.NotFound, "choose one of the patient's related people");
        }
        else if (!person.Roles.HasFlag(RelatedPersonRoles.Caregiver) && !person.Roles.HasFlag(RelatedPersonRoles.SubstituteDecisionMaker))
        {
            v.Add("RelatedPersonId", Rules.NotACaregiver, "only a caregiver or substitute decision-maker can be given access");
        }
        else if (string.IsNullOrEmpty(person.Email))
        {
            v.Add("RelatedPersonId", Rules.EmailNeeded, "record the caregiver's email address first: they sign in with it");
        }

        if (agreedOn > today)
        {
            v.Add(nameof(AgreedOn), Rules.DateInFuture, "the agreement cannot be dated in the future");
        }

        if (expiresOn <= today)
        {
            v.Add(nameof(ExpiresOn), Rules.ExpiryNotAfterToday, "the expiry date must be after today");
        }
        else if (expiresOn > today.AddYears(MaxYears))
        {
            v.Add(nameof(ExpiresOn), Rules.ExpiryTooFar, $"access can be given for at most {MaxYears} years at a time");
        }

        v.ThrowIfAny();
        (PatientId, RelatedPersonId, Email, AgreedBy, AgreedHow, AgreedOn, ExpiresOn, GrantedBy, GrantedAt) =
            (patient.Id, relatedPersonId, Normalize(person!.Email!), agreedBy, how, agreedOn, expiresOn, grantedBy, grantedAt);
    }

    public const int MaxYears = 2;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public Guid RelatedPersonId { get; private set; }

    /// <summary>The caregiver's sign-in email when access was given, lower case; changing the contact email later does not move the access.</summary>
    public string Email { get; private set; }

    public AgreementGivenBy AgreedBy { get; private set; }

    public AgreementMethod AgreedHow { get; private set; }

    public DateOnly AgreedOn { get; private set; }

    /// <summary>The first day without access.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public string GrantedBy { get; private set; }

    public DateTime GrantedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public string? RevokedReason { get; private set; }

    public bool IsActiveOn(DateOnly day) => RevokedAt is null && day < ExpiresOn;

    public void Revoke(string reason, string by, DateTime at)
    {
        var v = new Violations();
        if (RevokedAt is not null)
        {
            v.Add(nameof(RevokedAt), Rules.AlreadyRevoked, "this access was already revoked");
        }

        var text = v.Text(nameof(RevokedReason), reason, 500, required: true);
        v.ThrowIfAny();
        (RevokedAt, RevokedBy, RevokedReason) = (at, by, text);
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
