using HealthLinks.Domain;

namespace HealthLinks.Tests.CarePlans;

public class PlanTemplateTests
{
    [Fact]
    public void EveryCommonSituation_HasATemplate_InBothLanguages()
    {
        Assert.Equal(["copd", "dementia", "diabetes", "frailty-falls", "heart-failure", "mental-health-addictions", "palliative"], PlanTemplates.All.Select(t => t.Key).Order());
        Assert.All(PlanTemplates.All.SelectMany(t => t.Goals), g =>
        {
            Assert.NotEqual(g.Goal.En, g.Goal.Fr);
            Assert.NotEmpty(g.Actions);
            Assert.All(g.Actions, a => Assert.NotEqual(a.En, a.Fr));
        });
    }

    [Fact]
    public void Applying_KeepsEveryGoalActionAndOwner_AndAddsTheTemplates()
    {
        var plan = CarePlanTests.WithOneGoal();
        var before = plan.Goals.Single();
        var lead = Guid.NewGuid();

        var applied = PlanTemplates.Apply(plan, "frailty-falls", "fr", lead);

        Assert.Same(before, applied.Goals[0]);
        Assert.Equal(before.Actions[0].ResponsibleMemberId, applied.Goals[0].Actions[0].ResponsibleMemberId);
        Assert.Equal(3, applied.Goals.Count);
        Assert.Equal("Je ne veux plus tomber", applied.Goals[1].InMyWords);
        Assert.All(applied.Goals.Skip(1).SelectMany(g => g.Actions), a => Assert.Equal(lead, a.ResponsibleMemberId));
        Assert.Single(plan.Goals);
    }

    [Fact]
    public void ApplyingTwice_DoesNotRepeatGoals()
    {
        var once = PlanTemplates.Apply(new CarePlanDocument(), "copd", "en", Guid.NewGuid());
        var twice = PlanTemplates.Apply(once, "copd", "en", Guid.NewGuid());
        Assert.Equal(once.Goals.Count, twice.Goals.Count);
    }

    [Fact]
    public void AnUnknownTemplate_IsRefused() =>
        Assert.Throws<DomainRuleException>(() => PlanTemplates.Apply(new CarePlanDocument(), "nothing", "en", null));
}
