using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

namespace HealthLinks.Tests.Privacy;

public sealed class AccessRuleTests
{
    private static readonly PatientId Patient = PatientId.New();
    private static readonly ProviderId Me = ProviderId.New();
    private static readonly Guid MyOrganization = Guid.NewGuid();

    private static AccessFacts Facts(bool self = false, bool team = false, bool caregiver = false, bool staff = false, bool glass = false, params ConsentDirective[] directives) =>
        new(true, self, team, caregiver, staff, glass, Me, MyOrganization, directives);

    private static ConsentDirective Directive(WithheldParts parts, DirectiveAudience audience = DirectiveAudience.EveryoneOutsideTeam, ProviderId? provider = null, Guid? organization = null) =>
        new(Patient, parts, audience, provider, organization, AgreementGivenBy.Patient, "The patient", "coordinator@example.org", DateTime.UtcNow);

    [Fact]
    public void NobodyInParticular_SeesNothing()
    {
        Assert.Equal(AccessDecision.Nothing, AccessRule.Decide(Facts()));
        Assert.Equal(AccessDecision.Nothing, AccessRule.Decide(Facts(team: true) with { PatientExists = false }));
    }

    [Theory]
    [InlineData(true, false, false, false, AccessBasis.Self, AccessScope.Record)]
    [InlineData(false, true, false, false, AccessBasis.CareTeam, AccessScope.Record)]
    [InlineData(false, false, true, false, AccessBasis.Caregiver, AccessScope.Record)]
    [InlineData(false, false, false, true, AccessBasis.HealthLinkRole, AccessScope.Registration)]
    public void EachBasis_GivesItsScope(bool self, bool team, bool caregiver, bool staff, AccessBasis basis, AccessScope scope)
    {
        var decision = AccessRule.Decide(Facts(self, team, caregiver, staff));
        Assert.Equal((basis, scope), (decision.Basis, decision.Scope));
        Assert.Equal(scope == AccessScope.Record, decision.Allows(AccessScope.Record));
        Assert.True(decision.Allows(AccessScope.Registration));
    }

    [Fact]
    public void ADirective_AgainstEveryoneOutsideTheTeam_SparesTheTeam_AndBindsCaregiversAndStaff()
    {
        var directive = Directive(WithheldParts.Medications);
        Assert.Equal(WithheldParts.None, AccessRule.Decide(Facts(team: true, directives: directive)).Withheld);
        Assert.Equal(WithheldParts.Medications, AccessRule.Decide(Facts(caregiver: true, directives: directive)).Withheld);
        Assert.Equal(WithheldParts.Medications, AccessRule.Decide(Facts(staff: true, directives: directive)).Withheld);
    }

    [Fact]
    public void ADirective_AgainstAProviderOrOrganization_BindsOnlyThem_EvenOnTheTeam()
    {
        Assert.Equal(WithheldParts.SituationAndLifestyle, AccessRule.Decide(Facts(team: true, directives: Directive(WithheldParts.SituationAndLifestyle, DirectiveAudience.Provider, Me))).Withheld);
        Assert.Equal(WithheldParts.None, AccessRule.Decide(Facts(team: true, directives: Directive(WithheldParts.SituationAndLifestyle, DirectiveAudience.Provider, ProviderId.New()))).Withheld);
        var organization = Directive(WithheldParts.MentalHealthAndAddictions, DirectiveAudience.Organization, organization: MyOrganization);
        Assert.Equal(WithheldParts.MentalHealthAndAddictions, AccessRule.Decide(Facts(team: true, directives: organization)).Withheld);
        Assert.Equal(WithheldParts.None, AccessRule.Decide(Facts(team: true, directives: organization) with { ViewerOrganization = Guid.NewGuid() }).Withheld);
    }

    [Fact]
    public void AWholeRecordDirective_RefusesEvenTheTeamMember_ItNames()
    {
        var decision = AccessRule.Decide(Facts(team: true, directives: Directive(WithheldParts.WholeRecord | WithheldParts.Medications, DirectiveAudience.Provider, Me)));
        Assert.False(decision.Allows(AccessScope.Record));
        Assert.Equal(WithheldParts.WholeRecord, decision.Withheld);
    }

    [Fact]
    public void ThePatient_AndABrokenGlass_AreNeverWithheldFrom()
    {
        var whole = Directive(WithheldParts.WholeRecord);
        Assert.True(AccessRule.Decide(Facts(self: true, directives: whole)).Allows(AccessScope.Record));
        var glass = AccessRule.Decide(Facts(glass: true, directives: whole));
        Assert.Equal(AccessBasis.BreakGlass, glass.Basis);
        Assert.True(glass.Allows(AccessScope.Record));
    }

    [Fact]
    public void ADirective_NeedsAPart_AndItsNamedProvider()
    {
        Assert.Throws<DomainRuleException>(() => Directive(WithheldParts.None));
        Assert.Throws<DomainRuleException>(() => Directive(WithheldParts.Medications, DirectiveAudience.Provider));
        Assert.Throws<DomainRuleException>(() => Directive(WithheldParts.Medications, DirectiveAudience.Organization));
    }

    [Fact]
    public void BreakingTheGlass_NeedsAReasonOfASentence_AndAtMostTwelveHours()
    {
        Assert.Throws<DomainRuleException>(() => new BreakGlassAccess(Patient, "u", "u@example.org", "urgent", DateTime.UtcNow, BreakGlassAccess.DefaultDuration));
        Assert.Throws<DomainRuleException>(() => new BreakGlassAccess(Patient, "u", "u@example.org", "Unconscious in the emergency room.", DateTime.UtcNow, TimeSpan.FromHours(13)));
        var access = new BreakGlassAccess(Patient, "u", "u@example.org", "Unconscious in the emergency room.", DateTime.UtcNow, BreakGlassAccess.DefaultDuration);
        Assert.True(access.IsActiveAt(DateTime.UtcNow.AddHours(3.9)));
        Assert.False(access.IsActiveAt(DateTime.UtcNow.AddHours(4.1)));
    }

    [Fact]
    public void AnAuditEventsHash_CoversEveryField_AndThePreviousHash_UnderTheKey()
    {
        var key = AuditKey.New();
        var e = new AuditEvent(7, DateTime.UtcNow, "u", "u@example.org", "Provider", Patient, "Plan", AuditAction.View, AuditOutcome.Allowed, AccessBasis.CareTeam, AuditSource.Web, AuditEvent.Genesis, key);
        Assert.Equal(e.Hash, e.ComputeHash(key));
        Assert.Equal(64, e.Hash.Length);
        Assert.Equal(key.Id, e.KeyId);
        Assert.NotEqual(e.Hash, e.ComputeHash(AuditKey.New()));
        var other = new AuditEvent(7, e.At, "u", "u@example.org", "Provider", Patient, "Plan", AuditAction.View, AuditOutcome.Refused, AccessBasis.CareTeam, AuditSource.Web, AuditEvent.Genesis, key);
        Assert.NotEqual(e.Hash, other.Hash);
        var chained = new AuditEvent(7, e.At, "u", "u@example.org", "Provider", Patient, "Plan", AuditAction.View, AuditOutcome.Allowed, AccessBasis.CareTeam, AuditSource.Web, other.Hash, key);
        Assert.NotEqual(e.Hash, chained.Hash);
    }
}
