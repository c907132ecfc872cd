namespace HealthLinks.Domain;

public enum InvitationMethod
{
    Phone,
    Letter,
    InPerson,
    Email,
    ThroughProvider,
}

public enum InvitationOutcome
{
    NoAnswer,
    LeftMessage,
    Accepted,
    Declined,
    Unreachable,
}

/// <summary>
/// One attempt to invite a patient to coordinated care, and how it ended. Accepting records the express consent to
/// participate (given by the patient or the substitute decision-maker, when and how) and enrolls the patient.
/// </summary>
public sealed class InvitationAttempt
{
    private InvitationAttempt()
    {
        By = "";
    }

    public InvitationAttempt(Enrollment episode, DateOnly on, InvitationMethod method, InvitationOutcome outcome, string? note, AgreementGivenBy? consentGivenBy, AgreementMethod? consentHow, string by, DateOnly today)
    {
        var v = new Violations();
        Note = v.Text(nameof(Note), note, 1000, required: outcome == InvitationOutcome.Declined);
        if (on > today)
        {
            v.Add(nameof(On), Rules.DateInFuture, "an attempt cannot be dated in the future");
        }

        if (outcome == InvitationOutcome.Accepted && (consentGivenBy is null || consentHow is null))
        {
            v.Add(nameof(ConsentGivenBy), Rules.ConsentRequired, "record who gave express consent to participate, and how");
        }

        if (episode.Status is not (EnrollmentStatus.Identified or EnrollmentStatus.Invited or EnrollmentStatus.Unreachable))
        {
            v.Add(nameof(Outcome), Rules.TransitionNotAllowed, $"the episode is {episode.Status}: invitations are over");
        }

        v.ThrowIfAny();
        (EnrollmentId, PatientId, On, Method, Outcome, By) = (episode.Id, episode.PatientId, on, method, outcome, by);
        (ConsentGivenBy, ConsentHow) = outcome == InvitationOutcome.Accepted ? (consentGivenBy, consentHow) : (null, null);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid EnrollmentId { get; private set; }

    public PatientId PatientId { get; private set; }

    public DateOnly On { get; private set; }

    public InvitationMethod Method { get; private set; }

    public InvitationOutcome Outcome { get; private set; }

    /// <summary>What was said; the reason when the patient declined.</summary>
    public string? Note { get; private set; }

    public AgreementGivenBy? ConsentGivenBy { get; private set; }

    public AgreementMethod? ConsentHow { get; private set; }

    public string By { get; private set; }
}
