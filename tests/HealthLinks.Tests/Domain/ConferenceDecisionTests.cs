using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public sealed class ConferenceDecisionTests
{
    [Fact]
    public void ADecisionWithAnAction_NeedsAGoalAndAnOwner_AndSaysAllThatIsMissing()
    {
        var refused = Assert.Throws<DomainRuleException>(() => ConferenceDecision.Agree(new AgreedDecision(" ", Action: "Call the pharmacy")));
        Assert.Equal(["GoalId", "ResponsibleMemberId", "Text"], refused.Violations.Select(v => v.Field));
        Assert.Equal(Rules.ActionWithoutOwner, refused.Violations[1].Code);
    }

    [Fact]
    public void AReview_NamesItsGoal_AndAnActionGetsItsIds()
    {
        Assert.Equal("GoalId", Assert.Single(Assert.Throws<DomainRuleException>(() => ConferenceDecision.Agree(new AgreedDecision("Better", Achievement: GoalAchievement.Improving))).Violations).Field);

        var withNewGoal = ConferenceDecision.Agree(new AgreedDecision("Start a walking group", NewGoal: "Walk more", Action: "Find a group", ResponsibleMemberId: Guid.NewGuid()));
        Assert.NotNull(withNewGoal.GoalId);
        Assert.NotNull(withNewGoal.ActionId);

        var goal = Guid.NewGuid();
        var noted = ConferenceDecision.Agree(new AgreedDecision("Keep the plan as it is", goal, Achievement: GoalAchievement.Achieved));
        Assert.Equal((goal, (Guid?)null), (noted.GoalId, noted.ActionId));
    }

    [Fact]
    public void AppliedToThePlan_AReviewMovesItsGoal_AndAnActionGoesUnderItsGoal_Accepted()
    {
        var kept = new Goal { InMyWords = "Stay at home" };
        var plan = new CarePlanDocument { Goals = [kept] };
        var owner = Guid.NewGuid();
        var review = new AgreedDecision("Going well", kept.Id, Achievement: GoalAchievement.Improving);
        var onKept = new AgreedDecision("Grab bars", kept.Id, Action: " Install grab bars ", ResponsibleMemberId: owner, TargetDate: new DateOnly(2026, 12, 15));
        var onNew = new AgreedDecision("Walking", NewGoal: " Walk to church ", Action: "Find a walking group", ResponsibleMemberId: owner);

        foreach (var agreed in new[] { review, onKept, onNew })
        {
            ConferenceDecision.Agree(agreed).ApplyTo(plan, agreed);
        }

        Assert.Equal(GoalAchievement.Improving, kept.Achievement);
        var action = Assert.Single(kept.Actions);
        Assert.Equal(("Install grab bars", owner, ActionStatus.Accepted, new DateOnly(2026, 12, 15)), (action.What, action.ResponsibleMemberId, action.Status, action.TargetDate));
        var made = plan.Goals[1];
        Assert.Equal("Walk to church", made.InMyWords);
        Assert.Equal("Find a walking group", Assert.Single(made.Actions).What);
    }
}
