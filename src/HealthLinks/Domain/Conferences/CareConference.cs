namespace HealthLinks.Domain;

public enum ConferenceStatus
{
    Scheduled,
    Held,
    Cancelled,
}

public enum InviteeKind
{
    TeamMember,
    Patient,
    Caregiver,
    OutsideProvider,
}

/// <summary>
/// A care conference about one patient: the team, the patient and caregivers meet (in a place or by video) to agree on
/// the plan. Scheduled ahead, or recorded after it happened; its outcome (attendance, notes, decisions) is recorded once,
/// with the plan version it agreed.
/// </summary>
public sealed class CareConference
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 480;

    private readonly List<ConferenceInvitee> _invitees = [];
    private readonly List<ConferenceDecision> _decisions = [];

    // Only while it is being set up: one recorded after the fact sends no invitation, so no one needs an address.
    private readonly bool _recordedAfter;

    private CareConference()
    {
        OrganizerName = OrganizerEmail = "";
    }

    /// <param name="startsAt">UTC.</param>
    /// <param name="alreadyHeld">Recording a conference that took place: only then may it start in the past.</param>
    public CareConference(PatientId patientId, DateTime startsAt, int minutes, string? place, string? videoLink, string organizerName, string organizerEmail, DateTime now, bool alreadyHeld)
        : this()
    {
        var v = new Violations();
        if (startsAt < now && !alreadyHeld)
        {
            v.Add(nameof(StartsAt), Rules.ConferenceInPast, "a conference cannot be scheduled in the past; record it as one that took place");
        }

        if (alreadyHeld && startsAt > now)
        {
            v.Add(nameof(StartsAt), Rules.DateInFuture, "a conference that took place cannot start in the future");
        }

        if (startsAt > now.AddYears(1) || startsAt < now.AddYears(-1))
        {
            v.Add(nameof(StartsAt), Rules.OutOfRange, "must be within a year of today");
        }

        if (minutes is < MinMinutes or > MaxMinutes)
        {
            v.Add(nameof(Minutes), Rules.OutOfRange, $"must be between {MinMinutes} and {MaxMinutes} minutes");
        }

        Place = v.Text(nameof(Place), place, 300, required: false);
        VideoLink = v.Text(nameof(VideoLink), videoLink, 500, required: false);
        if (VideoLink is not null && !(Uri.TryCreate(VideoLink, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            v.Add(nameof(VideoLink), Rules.InvalidLink, "must be an https:// address");
        }

        if (Place is null && VideoLink is null)
        {
            v.Add(nameof(Place), Rules.PlaceOrLinkNeeded, "give a place or a video link");
        }

        OrganizerEmail = v.Email(nameof(OrganizerEmail), organizerEmail) ?? "";
        if (OrganizerEmail.Length == 0)
        {
            v.Add(nameof(OrganizerEmail), Rules.Required, "the organizer needs an email address for the invitations");
        }

        v.ThrowIfAny();
        (PatientId, StartsAt, Minutes, OrganizerName, CreatedAt, _recordedAfter) = (patientId, startsAt, minutes, organizerName, now, alreadyHeld);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    /// <summary>UTC; shown and sent in Ontario time.</summary>
    public DateTime StartsAt { get; private set; }

    public int Minutes { get; private set; }

    public DateTime EndsAt => StartsAt.AddMinutes(Minutes);

    public string? Place { get; private set; }

    public string? VideoLink { get; private set; }

    public string OrganizerName { get; private set; }

    public string OrganizerEmail { get; private set; }

    public ConferenceStatus Status { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string? Notes { get; private set; }

    public DateTime? RecordedAt { get; private set; }

    public string? RecordedBy { get; private set; }

    /// <summary>The plan version the conference agreed (the one its decisions made), when it changed the plan.</summary>
    public int? AgreedPlanVersion { get; private set; }

    /// <summary>How many times the invitation was changed; calendar programs need it to replace their copy.</summary>
    public int Sequence { get; private set; }

    public IReadOnlyList<ConferenceInvitee> Invitees => _invitees;

    public IReadOnlyList<ConferenceDecision> Decisions => _decisions;

    /// <summary>
    /// Invites someone, by email when they have an address. A provider needs one, since their invitation is emailed; the
    /// patient and their caregivers may be invited by phone or letter instead (the coordinator is reminded to). No one
    /// needs an address for a conference recorded after it took place.
    /// </summary>
    public ConferenceInvitee Invite(InviteeKind kind, string name, string? email, Guid? memberId)
    {
        var v = new Violations();
        var who = v.Text("Name", name, 200, required: true) ?? "";
        var address = v.Email("Email", email);
        if (address is null && !v.Any && !_recordedAfter && kind is not (InviteeKind.Patient or InviteeKind.Caregiver))
        {
            v.Add("Email", Rules.InviteeEmailNeeded, $"{who} has no email address to send the invitation to");
        }

        if (address is not null && _invitees.Any(i => string.Equals(i.Email, address, StringComparison.OrdinalIgnoreCase)))
        {
            v.Add("Email", Rules.AlreadyInvited, $"{address} is already invited");
        }

        v.ThrowIfAny();
        var invitee = new ConferenceInvitee(Id, kind, who, address, memberId);
        _invitees.Add(invitee);
        return invitee;
    }

    /// <summary>Records what happened: who came, the notes and the decisions, once, after it started.</summary>
    public void RecordOutcome(IReadOnlySet<Guid> attended, string? notes, IEnumerable<ConferenceDecision> decisions, int? agreedPlanVersion, string by, DateTime at)
    {
        if (Status != ConferenceStatus.Scheduled)
        {
            throw new DomainRuleException(nameof(Status), Rules.AlreadyRecorded, "this conference's outcome is already recorded");
        }

        if (StartsAt > at)
        {
            throw new DomainRuleException(nameof(StartsAt), Rules.NotYetHeld, "record the outcome once the conference has started");
        }

        var v = new Violations();
        Notes = v.Text(nameof(Notes), notes, 8000, required: false);
        v.ThrowIfAny();
        foreach (var invitee in _invitees)
        {
            invitee.Attended = attended.Contains(invitee.Id);
        }

        _decisions.AddRange(decisions);
        (Status, RecordedAt, RecordedBy, AgreedPlanVersion) = (ConferenceStatus.Held, at, by, agreedPlanVersion);
    }

    public void Cancel(string by, DateTime at)
    {
        if (Status != ConferenceStatus.Scheduled)
        {
            throw new DomainRuleException(nameof(Status), Rules.AlreadyRecorded, "only a scheduled conference can be cancelled");
        }

        (Status, RecordedAt, RecordedBy) = (ConferenceStatus.Cancelled, at, by);
        Sequence++;
    }
}

public sealed class ConferenceInvitee
{
    private ConferenceInvitee()
    {
        Name = "";
    }

    internal ConferenceInvitee(Guid conferenceId, InviteeKind kind, string name, string? email, Guid? memberId)
    {
        (ConferenceId, Kind, Name, Email, MemberId) = (conferenceId, kind, name, email, memberId);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ConferenceId { get; private set; }

    public InviteeKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>Null for someone invited by phone or letter, or recorded as attending one held already.</summary>
    public string? Email { get; private set; }

    /// <summary>Their place on the care team, for team members.</summary>
    public Guid? MemberId { get; private set; }

    /// <summary>Null until the outcome is recorded.</summary>
    public bool? Attended { get; internal set; }
}

/// <summary>What the conference agreed, as the coordinator wrote it down: a decision, and what it changes in the plan.</summary>
public sealed record AgreedDecision(string Text, Guid? GoalId = null, string? NewGoal = null, string? Action = null, Guid? ResponsibleMemberId = null, DateOnly? TargetDate = null, GoalAchievement? Achievement = null);

/// <summary>A decision taken at the conference; when it made or changed an action in the plan, which one.</summary>
public sealed class ConferenceDecision
{
    private ConferenceDecision()
    {
        Text = "";
    }

    public ConferenceDecision(string text, Guid? goalId, Guid? actionId)
    {
        var v = new Violations();
        Text = v.Text(nameof(Text), text, 2000, required: true) ?? "";
        v.ThrowIfAny();
        (GoalId, ActionId) = (goalId, actionId);
    }

    /// <summary>
    /// A decision the conference agreed. One that adds an action serves a goal (chosen, or a new one named) and has an
    /// owner; one that reviews a goal's progress names the goal. An action gets its id here, and a new goal too.
    /// </summary>
    public static ConferenceDecision Agree(AgreedDecision agreed)
    {
        var addsAction = !string.IsNullOrWhiteSpace(agreed.Action);
        var v = new Violations();
        if (addsAction && agreed.GoalId is null && string.IsNullOrWhiteSpace(agreed.NewGoal))
        {
            v.Add(nameof(GoalId), Rules.Required, "choose the goal the action serves, or name a new goal");
        }

        if (agreed.Achievement is not null && agreed.GoalId is null)
        {
            v.Add(nameof(GoalId), Rules.Required, "choose the goal whose progress was reviewed");
        }

        if (addsAction && agreed.ResponsibleMemberId is null)
        {
            v.Add(nameof(AgreedDecision.ResponsibleMemberId), Rules.ActionWithoutOwner, "choose who is responsible");
        }

        v.Text(nameof(Text), agreed.Text, 2000, required: true);
        v.ThrowIfAny();
        return new ConferenceDecision(agreed.Text, addsAction ? agreed.GoalId ?? Guid.NewGuid() : agreed.GoalId, addsAction ? Guid.NewGuid() : null);
    }

    /// <summary>
    /// What the decision changes in the plan: a reviewed goal takes its new standing; a new action goes under its goal
    /// (made when new), already accepted, since its owner agreed to it at the conference.
    /// </summary>
    public void ApplyTo(CarePlanDocument plan, AgreedDecision agreed)
    {
        if (agreed.Achievement is { } achievement && plan.Goals.FirstOrDefault(g => g.Id == GoalId) is { } reviewed)
        {
            reviewed.Achievement = achievement;
        }

        if (ActionId is not { } actionId)
        {
            return;
        }

        var goal = plan.Goals.FirstOrDefault(g => g.Id == GoalId);
        if (goal is null)
        {
            goal = new Goal { Id = GoalId!.Value, InMyWords = agreed.NewGoal?.Trim() ?? "" };
            plan.Goals.Add(goal);
        }

        goal.Actions.Add(new PlanAction { Id = actionId, What = agreed.Action!.Trim(), ResponsibleMemberId = agreed.ResponsibleMemberId, TargetDate = agreed.TargetDate, Status = ActionStatus.Accepted });
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ConferenceId { get; private set; }

    public string Text { get; private set; }

    public Guid? GoalId { get; private set; }

    public Guid? ActionId { get; private set; }
}
