using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public sealed class PlanActionUpdateTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData(ActionStatus.Cancelled, null)]
    [InlineData(ActionStatus.Blocked, null)]
    [InlineData(ActionStatus.InProgress, ServiceReferralStatus.Declined)]
    public void Cancelling_Blocking_OrDeclining_NeedsANote_AndChangesNothingWithout(ActionStatus status, ServiceReferralStatus? referral)
    {
        var action = new PlanAction { What = "Home care nursing", Status = ActionStatus.Accepted, Referral = new ServiceReferral { Service = "Home care" } };
        var refused = Assert.Throws<DomainRuleException>(() => action.Update(status, referral, null, "  ", "nurse", Today));
        Assert.Equal(("Note", Rules.Required), (refused.Violations[0].Field, refused.Violations[0].Code));
        Assert.Equal((ActionStatus.Accepted, ServiceReferralStatus.Sent), (action.Status, action.Referral!.Status));
    }

    [Fact]
    public void AReferralsStatus_LeadsTheActions_AndANoteIsDatedAndSigned()
    {
        var member = Guid.NewGuid();
        var action = new PlanAction { What = "Home care nursing", PatientIsResponsible = true, Referral = new ServiceReferral { Service = "Home care" } };
        action.Update(ActionStatus.Proposed, ServiceReferralStatus.Completed, member, "First visit done", "nurse@example.org", Today);
        Assert.Equal((ActionStatus.Done, ServiceReferralStatus.Completed), (action.Status, action.Referral!.Status));
        Assert.Equal((member, false), (action.ResponsibleMemberId, action.PatientIsResponsible));
        Assert.Equal("2026-11-30 nurse@example.org: First visit done", action.Notes);
        Assert.Equal(Rules.TooLong, Assert.Throws<DomainRuleException>(() => action.Update(ActionStatus.Done, null, null, new string('x', PlanAction.MaxNoteLength + 1), "nurse", Today)).Violations[0].Code);
    }

    [Fact]
    public void NamingAService_MakesAReferral_AndClearingItEndsIt()
    {
        var action = new PlanAction { What = "Day program" };
        action.ReferTo("  Seniors day program ");
        Assert.Equal(("Seniors day program", ServiceReferralStatus.Sent), (action.Referral!.Service, action.Referral.Status));
        action.ReferTo(" ");
        Assert.Null(action.Referral);
    }
}
