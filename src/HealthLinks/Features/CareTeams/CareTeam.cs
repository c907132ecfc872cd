using HealthLinks.Domain;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.CareTeams;

/// <summary>What the care team's use cases take and give: the circle of care a coordinator builds (step 2 of the model of care).</summary>
public static class CareTeam
{
    public sealed record Member(
        Guid Id, CareTeamMemberKind Kind, string Name, string? Organization, TeamRole? Role, string RoleText, bool IsLead, bool IsMainContact,
        DateOnly JoinedOn, DateOnly? LeftOn, string? LeftReason, string? Phone, string? Email)
    {
        public bool IsActiveOn(DateOnly day) => JoinedOn <= day && (LeftOn is null || day < LeftOn);
    }

    /// <summary>
    /// A provider the record already knows, not on the team: seen in recent encounters, prescribing a medication on the
    /// plan's list, or a pharmacist at a pharmacy the list names.
    /// </summary>
    public sealed record Suggestion(ProviderId Id, string Name, Profession Profession, string Organization, int Encounters, bool Prescribes = false, bool Dispenses = false);

    public sealed record RelatedPersonChoice(Guid Id, string Name, string Relationship);

    public sealed record DirectoryEntry(ProviderId Id, string Name, Profession Profession, string Organization);

    public sealed record View(
        string Patient, DateOnly BornOn, IReadOnlyList<Member> Members, IReadOnlyList<Suggestion> Suggestions, IReadOnlyList<RelatedPersonChoice> RelatedPeople, bool CanChange);

    /// <summary>A provider not yet in the directory, added from the team page.</summary>
    public sealed class NewProvider
    {
        public string GivenName { get; set; } = "";

        public string FamilyName { get; set; } = "";

        public Profession Profession { get; set; } = Profession.FamilyPhysician;

        public Guid? OrganizationId { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }

    /// <summary>Family or a friend of the patient's, not yet on record.</summary>
    public sealed class NewRelatedPerson
    {
        public string GivenName { get; set; } = "";

        public string FamilyName { get; set; } = "";

        public string Relationship { get; set; } = "";

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }

    public sealed class AddCommand
    {
        public CareTeamMemberKind Kind { get; set; } = CareTeamMemberKind.Provider;

        /// <summary>A provider from the directory; or, with none, <see cref="NewProvider"/>.</summary>
        public ProviderId? ProviderId { get; set; }

        public NewProvider? NewProvider { get; set; }

        /// <summary>A related person on record; or, with none, <see cref="NewRelatedPerson"/>.</summary>
        public Guid? RelatedPersonId { get; set; }

        public NewRelatedPerson? NewRelatedPerson { get; set; }

        public TeamRole Role { get; set; } = TeamRole.FamilyPhysician;

        public string? OtherRole { get; set; }

        public bool IsMainContact { get; set; }

        public DateOnly JoinedOn { get; set; }
    }

    public sealed class EndCommand
    {
        public DateOnly LeftOn { get; set; }

        public string Reason { get; set; } = "";
    }

    /// <summary>The role as the reader says it: the list's words in their language, or the words typed for Other (and before the list).</summary>
    public static string RoleLabel(IStringLocalizer<Strings> l, TeamRole? role, string text, bool isLead = false) =>
        isLead ? l["TeamRole_LeadCareCoordinator"] : role is { } r && r != TeamRole.Other ? l[$"TeamRole_{r}"] : text;
}
