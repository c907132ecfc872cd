namespace HealthLinks.Domain;

public enum HandOffStatus
{
    Proposed,
    Accepted,
    Declined,
    Withdrawn,
}

/// <summary>
/// A warm hand-off of the lead care coordinator role: the current lead proposes a provider with a note; the proposed
/// lead accepts or declines with a reason. On acceptance both are on the team until the changeover day, when the lead
/// role passes. Every step is kept.
/// </summary>
public sealed class LeadHandOff
{
    private LeadHandOff()
    {
        Note = ProposedBy = "";
    }

    public LeadHandOff(PatientId patientId, ProviderId fromProvider, ProviderId toProvider, string note, DateOnly changeoverOn, string proposedBy, DateTime proposedAt, DateOnly today)
        : this()
    {
        var v = new Violations();
        if (fromProvider == toProvider)
        {
            v.Add(nameof(ToProviderId), Rules.AlreadyLead, "this provider is already the lead care coordinator");
        }

        Note = v.Text(nameof(Note), note, 4000, required: true) ?? "";
        if (changeoverOn < today)
        {
            v.Add(nameof(ChangeoverOn), Rules.DateInPast, "the changeover cannot be in the past");
        }
        else if (changeoverOn > today.AddDays(MaxOverlapDays))
        {
            v.Add(nameof(ChangeoverOn), Rules.OutOfRange, $"the changeover must be within {MaxOverlapDays} days");
        }

        v.ThrowIfAny();
        (PatientId, FromProviderId, ToProviderId, ChangeoverOn, ProposedBy, ProposedAt) = (patientId, fromProvider, toProvider, changeoverOn, proposedBy, proposedAt);
    }

    public const int MaxOverlapDays = 90;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public ProviderId FromProviderId { get; private set; }

    public ProviderId ToProviderId { get; private set; }

    public string Note { get; private set; }

    /// <summary>The day the lead role passes: the old lead's role ends and the new lead's begins.</summary>
    public DateOnly ChangeoverOn { get; private set; }

    public HandOffStatus Status { get; private set; }

    public string ProposedBy { get; private set; }

    public DateTime ProposedAt { get; private set; }

    public string? RespondedBy { get; private set; }

    public DateTime? RespondedAt { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>The proposed lead accepts; a changeover already past moves to today.</summary>
    public void Accept(string by, DateTime at, DateOnly today)
    {
        Respond(HandOffStatus.Accepted, by, at);
        if (ChangeoverOn < today)
        {
            ChangeoverOn = today;
        }
    }

    public void Decline(string? reason, string by, DateTime at)
    {
        var v = new Violations();
        var why = v.Text(nameof(DeclineReason), reason, 1000, required: true);
        v.ThrowIfAny();
        Respond(HandOffStatus.Declined, by, at);
        DeclineReason = why;
    }

    public void Withdraw(string by, DateTime at) => Respond(HandOffStatus.Withdrawn, by, at);

    private void Respond(HandOffStatus to, string by, DateTime at)
    {
        if (Status != HandOffStatus.Proposed)
        {
            throw new DomainRuleException(nameof(Status), Rules.AlreadyAnswered, "this hand-off has already been answered");
        }

        (Status, RespondedBy, RespondedAt) = (to, by, at);
    }
}
