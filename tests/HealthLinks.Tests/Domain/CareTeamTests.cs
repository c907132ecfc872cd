using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class CareTeamTests
{
    private static readonly DateOnly Jan = new(2026, 1, 1);

    [Fact]
    public void ASecondLead_OverlappingTheFirst_IsRefused()
    {
        var patient = Patients.Sample();
        patient.AddProviderToTeam(ProviderId.New(), "Lead care coordinator", Jan, isLead: true);
        var e = Assert.Throws<DomainRuleException>(() => patient.AddProviderToTeam(ProviderId.New(), "Lead care coordinator", Jan.AddMonths(2), isLead: true));
        Assert.Equal(Rules.OneLeadAtATime, e.Violations[0].Code);
        Assert.Single(patient.CareTeam);
    }

    [Fact]
    public void ANewLead_MayStartTheDayTheOldLeadLeaves()
    {
        var patient = Patients.Sample();
        var first = patient.AddProviderToTeam(ProviderId.New(), "Lead care coordinator", Jan, isLead: true);
        patient.EndMembership(first.Id, Jan.AddMonths(3));
        var second = patient.AddProviderToTeam(ProviderId.New(), "Lead care coordinator", Jan.AddMonths(3), isLead: true);
        Assert.Same(first, patient.LeadOn(Jan.AddMonths(3).AddDays(-1)));
        Assert.Same(second, patient.LeadOn(Jan.AddMonths(3)));
    }

    [Fact]
    public void AFutureLead_OverlappingAnOpenEndedLead_IsRefused()
    {
        var patient = Patients.Sample();
        patient.AddProviderToTeam(ProviderId.New(), "Lead", Jan.AddMonths(6), isLead: true);
        Assert.Throws<DomainRuleException>(() => patient.AddProviderToTeam(ProviderId.New(), "Lead", Jan, isLead: true));
    }

    [Fact]
    public void ManyMembersWhoAreNotLeads_AreFine()
    {
        var patient = Patients.Sample();
        patient.AddProviderToTeam(ProviderId.New(), "Lead", Jan, isLead: true);
        patient.AddProviderToTeam(ProviderId.New(), "Family physician", Jan);
        patient.AddProviderToTeam(ProviderId.New(), "Pharmacist", Jan);
        patient.AddSelfToTeam(Jan);
        Assert.Equal(4, patient.CareTeam.Count);
        Assert.Single(patient.CareTeam, m => m.IsLead);
    }

    [Fact]
    public void ACaregiver_JoinsThroughTheirRelatedPersonRecord_AndCannotLead()
    {
        var patient = Patients.Sample();
        var daughter = patient.AddRelatedPerson("Julie", "Bélanger", "daughter", RelatedPersonRoles.Caregiver | RelatedPersonRoles.SubstituteDecisionMaker, "613-555-0100", null);
        var member = patient.AddRelatedPersonToTeam(daughter.Id, "Family caregiver", Jan);
        Assert.Equal(CareTeamMemberKind.RelatedPerson, member.Kind);
        Assert.Throws<DomainRuleException>(() => patient.AddRelatedPersonToTeam(Guid.NewGuid(), "Stranger", Jan));
    }

    [Fact]
    public void LeavingBeforeJoining_OrTwice_IsRefused()
    {
        var patient = Patients.Sample();
        var member = patient.AddProviderToTeam(ProviderId.New(), "Pharmacist", Jan);
        Assert.Equal(Rules.LeftBeforeJoined, Assert.Throws<DomainRuleException>(() => patient.EndMembership(member.Id, Jan)).Violations[0].Code);
        patient.EndMembership(member.Id, Jan.AddDays(10));
        Assert.Equal(Rules.AlreadyLeft, Assert.Throws<DomainRuleException>(() => patient.EndMembership(member.Id, Jan.AddDays(20))).Violations[0].Code);
    }
}
