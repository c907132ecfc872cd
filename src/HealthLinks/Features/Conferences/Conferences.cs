using HealthLinks.Domain;
using HealthLinks.Features.CarePlans;

namespace HealthLinks.Features.Conferences;

public static class Conferences
{
    /// <summary>Someone who may be invited: from the team, the patient, a caregiver, or a provider outside the team (typed in).</summary>
    public sealed class Invitee
    {
        public InviteeKind Kind { get; set; } = InviteeKind.OutsideProvider;

        public Guid? MemberId { get; set; }

        public string Name { get; set; } = "";

        public string? Email { get; set; }

        public bool Invited { get; set; }
    }

    public sealed class ScheduleCommand
    {
        /// <summary>Ontario wall-clock time.</summary>
        public DateTime At { get; set; }

        public int Minutes { get; set; } = 60;

        public string? Place { get; set; }

        public string? VideoLink { get; set; }

        /// <summary>Recording a conference that already took place: it may be in the past, and no invitations go out.</summary>
        public bool AlreadyHeld { get; set; }

        public List<Invitee> Invitees { get; set; } = [];
    }

    public sealed class Decision
    {
        public string Text { get; set; } = "";

        /// <summary>An existing goal the new action serves; or, with NewGoal, a goal the conference set.</summary>
        public Guid? GoalId { get; set; }

        public string? NewGoal { get; set; }

        /// <summary>Empty when the decision needs no action.</summary>
        public string? Action { get; set; }

        public Guid? ResponsibleMemberId { get; set; }

        public DateOnly? TargetDate { get; set; }

        /// <summary>Where the chosen goal now stands, when the conference reviewed it.</summary>
        public GoalAchievement? Achievement { get; set; }

        public AgreedDecision Agreed() => new(Text, GoalId, NewGoal, Action, ResponsibleMemberId, TargetDate, Achievement);
    }

    public sealed class OutcomeCommand
    {
        public HashSet<Guid> Attended { get; set; } = [];

        public string? Notes { get; set; }

        public List<Decision> Decisions { get; set; } = [];
    }

    public sealed record Summary(Guid Id, PatientId PatientId, string Patient, DateTime StartsAt, int Minutes, string? Place, string? VideoLink, ConferenceStatus Status, int Invited);

    public sealed record Details(CareConference Conference, string Patient, ConferenceAgenda.Agenda Agenda, IReadOnlyList<PlanFacts.TeamMember> Team, IReadOnlyList<Goal> Goals);
}
