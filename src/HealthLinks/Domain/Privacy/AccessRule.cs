namespace HealthLinks.Domain.Privacy;

/// <summary>How much of a patient's information the user may see.</summary>
public enum AccessScope
{
    None,

    /// <summary>Identifiers, contact and enrollment: what a Health Link's coordinators and administrators need to find, invite and register.</summary>
    Registration,

    /// <summary>The whole record: plan, team, conditions, encounters.</summary>
    Record,
}

/// <summary>What the access rule knows about one user and one patient, gathered in one query.</summary>
public sealed record AccessFacts(
    bool PatientExists,
    bool IsSelf,
    bool OnCareTeam,
    bool ActiveCaregiver,
    bool HealthLinkStaff,
    bool BrokeGlass,
    ProviderId? ViewerProvider,
    Guid? ViewerOrganization,
    IReadOnlyList<ConsentDirective> ActiveDirectives);

public sealed record AccessDecision(AccessBasis Basis, AccessScope Scope, WithheldParts Withheld)
{
    public static AccessDecision Nothing { get; } = new(AccessBasis.None, AccessScope.None, WithheldParts.None);

    public bool Allows(AccessScope needed) => needed != AccessScope.None && Scope >= needed && !Withheld.HasFlag(WithheldParts.WholeRecord);

    public bool Withholds(WithheldParts part) => Withheld.HasFlag(WithheldParts.WholeRecord) || (Withheld & part) != 0;
}

/// <summary>
/// The one rule for who sees a patient's information (PHIPA's circle of care): the patient themself, the care team while
/// their membership lasts, a caregiver while the patient's agreement lasts, the Health Link's staff for registration only,
/// and anyone who broke the glass until it expires. Consent directives then withhold parts from those they name;
/// only the patient and a broken glass are never withheld from.
/// </summary>
public static class AccessRule
{
    public static AccessDecision Decide(AccessFacts facts)
    {
        if (!facts.PatientExists)
        {
            return AccessDecision.Nothing;
        }

        if (facts.IsSelf)
        {
            return new(AccessBasis.Self, AccessScope.Record, WithheldParts.None);
        }

        if (facts.BrokeGlass)
        {
            return new(AccessBasis.BreakGlass, AccessScope.Record, WithheldParts.None);
        }

        var (basis, scope) = facts switch
        {
            { OnCareTeam: true } => (AccessBasis.CareTeam, AccessScope.Record),
            { ActiveCaregiver: true } => (AccessBasis.Caregiver, AccessScope.Record),
            { HealthLinkStaff: true } => (AccessBasis.HealthLinkRole, AccessScope.Registration),
            _ => (AccessBasis.None, AccessScope.None),
        };
        if (scope == AccessScope.None)
        {
            return AccessDecision.Nothing;
        }

        return new(basis, scope, WithheldBy(facts.ActiveDirectives, facts.OnCareTeam, facts.ViewerProvider, facts.ViewerOrganization));
    }

    /// <summary>What the active directives withhold from one person: pages, lists, notifications and emails all ask this.</summary>
    public static WithheldParts WithheldBy(IEnumerable<ConsentDirective> activeDirectives, bool onCareTeam, ProviderId? provider, Guid? organization) =>
        activeDirectives.Where(d => AppliesTo(d, onCareTeam, provider, organization)).Aggregate(WithheldParts.None, (all, d) => all | d.Withholds);

    private static bool AppliesTo(ConsentDirective directive, bool onCareTeam, ProviderId? provider, Guid? organization) => directive.Audience switch
    {
        DirectiveAudience.EveryoneOutsideTeam => !onCareTeam,
        DirectiveAudience.Provider => provider is not null && directive.ProviderId == provider,
        DirectiveAudience.Organization => organization is not null && directive.OrganizationId == organization,
        _ => true,
    };
}
