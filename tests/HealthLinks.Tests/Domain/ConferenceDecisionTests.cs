using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public sealed class ConferenceDecisionTests
{
    [Fact]
    public void ADecisionWithAnAction_NeedsAGoalAndAnOwner_AndSaysAllThatIsMissing()
    {
        var refused = Assert.Throws<DomainRuleException>(() => ConferenceDecision.Agree(" ", null, namesNewGoal: false, addsAction: true, null, reviewsGoal: false));
        Assert.Equal(["GoalId", "ResponsibleMemberId", "Text"], refused.Violations.Select(v => v.Field));
        Assert.Equal(Rules.ActionWithoutOwner, refused.Violations[1].Code);
    }

    [Fact]
    public void AReview_NamesItsGoal_AndAnActionGetsItsIds()
    {
        Assert.Equal("GoalId", Assert.Single(Assert.Throws<DomainRuleException>(() => ConferenceDecision.Agree("Better", null, false, false, null, reviewsGoal: true)).Violations).Field);

        var withNewGoal = ConferenceDecision.Agree("Start a walking group", null, namesNewGoal: true, addsAction: true, Guid.NewGuid(), reviewsGoal: false);
        Assert.NotNull(withNewGoal.GoalId);
        Assert.NotNull(withNewGoal.ActionId);

        var goal = Guid.NewGuid();
        var noted = ConferenceDecision.Agree("Keep the plan as it is", goal, false, false, null, reviewsGoal: true);
        Assert.Equal((goal, (Guid?)null), (noted.GoalId, noted.ActionId));
    }
}
