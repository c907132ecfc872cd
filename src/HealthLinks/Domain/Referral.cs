namespace HealthLinks.Domain;

public enum ReferralSource
{
    Provider,
    Patient,
    Caregiver,
}

public enum ReferralUrgency
{
    Routine,
    Soon,
    Urgent,
}

public enum ReferralStatus
{
    New,
    Accepted,
    Declined,
}

/// <summary>
/// A request to consider someone for coordinated care: from a provider's clinical judgment (about a patient on record),
/// or from a patient or caregiver through the public form (reviewed by a coordinator first). Accepted, it points to the
/// patient's open episode, opened at "identified" if there was none; never a second one.
/// </summary>
public sealed class Referral
{
    private Referral()
    {
        Reason = ReferredBy = "";
    }

    private Referral(ReferralSource source, string reason, ReferralUrgency urgency, string referredBy, DateTime at, Violations v)
    {
        Reason = v.Text(nameof(Reason), reason, 1000, required: true) ?? "";
        ReferredBy = v.Text(nameof(ReferredBy), referredBy, 200, required: true) ?? "";
        (Source, Urgency, ReceivedAt) = (source, urgency, at);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public ReferralSource Source { get; private set; }

    public PatientId? PatientId { get; private set; }

    public string Reason { get; private set; }

    public ReferralUrgency Urgency { get; private set; }

    /// <summary>The referring provider's account, or the name the person gave on the public form.</summary>
    public string ReferredBy { get; private set; }

    public string? ContactPhone { get; private set; }

    public string? ContactEmail { get; private set; }

    /// <summary>Who the self-referral is about, as written on the form, until a coordinator matches or creates the record.</summary>
    public string? GivenName { get; private set; }

    public string? FamilyName { get; private set; }

    public DateOnly? DateOfBirth { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public ReferralStatus Status { get; private set; }

    public Guid? EnrollmentId { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>A provider refers a patient on record; accepted at once, pointing to the patient's episode.</summary>
    public static Referral FromProvider(Patient patient, string reason, ReferralUrgency urgency, string by, DateTime at)
    {
        var v = new Violations();
        var referral = new Referral(ReferralSource.Provider, reason, urgency, by, at, v);
        v.ThrowIfAny();
        referral.PatientId = patient.Id;
        referral.Accept(patient, by, at);
        return referral;
    }

    /// <summary>A patient or caregiver asks through the public form; a coordinator reviews it.</summary>
    public static Referral FromPublic(ReferralSource source, string? givenName, string? familyName, DateOnly? dateOfBirth, string? phone, string? email, string reason, string referredBy, DateTime at)
    {
        var v = new Violations();
        var referral = new Referral(source, reason, ReferralUrgency.Routine, referredBy, at, v);
        referral.GivenName = v.Text(nameof(GivenName), givenName, 100, required: true);
        referral.FamilyName = v.Text(nameof(FamilyName), familyName, 100, required: true);
        if (dateOfBirth is null || dateOfBirth > OntarioTime.DayOf(at) || dateOfBirth.Value.Year < 1900)
        {
            v.Add(nameof(DateOfBirth), Rules.Required, "give a date of birth in the past");
        }

        referral.DateOfBirth = dateOfBirth;
        referral.ContactPhone = v.Phone(nameof(ContactPhone), phone);
        referral.ContactEmail = v.Email(nameof(ContactEmail), email);
        if (referral.ContactPhone is null && referral.ContactEmail is null)
        {
            v.Add(nameof(ContactPhone), Rules.Required, "give a phone number or an email address so a coordinator can reach you");
        }

        if (source == ReferralSource.Provider)
        {
            v.Add(nameof(Source), Rules.OutOfRange, "the public form is for patients and caregivers");
        }

        v.ThrowIfAny();
        return referral;
    }

    /// <summary>Points the referral to the patient's open episode, opening one at "identified" when there is none.</summary>
    public void Accept(Patient patient, string by, DateTime at)
    {
        if (Status != ReferralStatus.New)
        {
            throw new DomainRuleException(nameof(Status), Rules.AlreadyReviewed, "this referral was already reviewed");
        }

        var episode = patient.OpenEnrollment ?? patient.Identify(patient.HealthLinkId, Source == ReferralSource.Provider ? IdentificationSource.Referral : IdentificationSource.SelfReferral, by, at, Reason);
        (PatientId, EnrollmentId, Status, ReviewedBy, ReviewedAt) = (patient.Id, episode.Id, ReferralStatus.Accepted, by, at);
    }

    public void Decline(string reason, string by, DateTime at)
    {
        var v = new Violations();
        if (Status != ReferralStatus.New)
        {
            v.Add(nameof(Status), Rules.AlreadyReviewed, "this referral was already reviewed");
        }

        var text = v.Text(nameof(DeclineReason), reason, 500, required: true);
        v.ThrowIfAny();
        (DeclineReason, Status, ReviewedBy, ReviewedAt) = (text, ReferralStatus.Declined, by, at);
    }
}
