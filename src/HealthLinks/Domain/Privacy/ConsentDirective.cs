namespace HealthLinks.Domain.Privacy;

/// <summary>What a directive withholds: the whole record, or chosen parts of it.</summary>
[Flags]
public enum WithheldParts
{
    None = 0,
    MentalHealthAndAddictions = 1,
    Medications = 2,
    SituationAndLifestyle = 4,
    WholeRecord = 1 << 30,
}

/// <summary>From whom the information is withheld.</summary>
public enum DirectiveAudience
{
    EveryoneOutsideTeam,
    Provider,
    Organization,
}

/// <summary>
/// A patient's instruction (or their substitute decision-maker's) to withhold all or part of their information.
/// It is never deleted: ending it keeps who recorded it, when and on whose instruction.
/// </summary>
public sealed class ConsentDirective
{
    private ConsentDirective()
    {
        InstructedByName = RecordedBy = "";
    }

    public ConsentDirective(PatientId patientId, WithheldParts withholds, DirectiveAudience audience, ProviderId? providerId, Guid? organizationId,
        AgreementGivenBy instructedBy, string instructedByName, string recordedBy, DateTime recordedAt)
        : this()
    {
        var v = new Violations();
        if (withholds == WithheldParts.None || (withholds & ~(WithheldParts.WholeRecord | AllSections)) != 0)
        {
            v.Add(nameof(Withholds), Rules.Required, "choose the whole record or at least one part");
        }

        if (audience == DirectiveAudience.Provider && providerId is null)
        {
            v.Add(nameof(ProviderId), Rules.Required, "choose the provider the information is withheld from");
        }

        if (audience == DirectiveAudience.Organization && organizationId is null)
        {
            v.Add(nameof(OrganizationId), Rules.Required, "choose the organization the information is withheld from");
        }

        if (!Enum.IsDefined(audience))
        {
            v.Add(nameof(Audience), Rules.Required, "is not a known audience");
        }

        var name = v.Text(nameof(InstructedByName), instructedByName, 200, required: true);
        v.ThrowIfAny();
        (PatientId, Withholds, Audience, InstructedBy, InstructedByName, RecordedBy, RecordedAt) =
            (patientId, withholds.HasFlag(WithheldParts.WholeRecord) ? WithheldParts.WholeRecord : withholds, audience, instructedBy, name!, recordedBy, recordedAt);
        ProviderId = audience == DirectiveAudience.Provider ? providerId : null;
        OrganizationId = audience == DirectiveAudience.Organization ? organizationId : null;
    }

    public const WithheldParts AllSections = WithheldParts.MentalHealthAndAddictions | WithheldParts.Medications | WithheldParts.SituationAndLifestyle;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public WithheldParts Withholds { get; private set; }

    public DirectiveAudience Audience { get; private set; }

    public ProviderId? ProviderId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public AgreementGivenBy InstructedBy { get; private set; }

    /// <summary>The person who gave the instruction: the patient or their substitute decision-maker.</summary>
    public string InstructedByName { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public string? EndedBy { get; private set; }

    public string? EndedReason { get; private set; }

    public bool IsActive => EndedAt is null;

    public void End(string reason, string by, DateTime at)
    {
        var v = new Violations();
        if (EndedAt is not null)
        {
            v.Add(nameof(EndedAt), Rules.AlreadyEnded, "this directive has already ended");
        }

        var text = v.Text(nameof(EndedReason), reason, 500, required: true);
        v.ThrowIfAny();
        (EndedAt, EndedBy, EndedReason) = (at, by, text);
    }
}
