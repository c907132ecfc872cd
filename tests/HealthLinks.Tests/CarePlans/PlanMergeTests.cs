using HealthLinks.Domain;

namespace HealthLinks.Tests.CarePlans;

public class PlanMergeTests
{
    [Fact]
    public void MyChanges_AreReappliedOnTheLatestVersion_AndTheirsAreKept()
    {
        var opened = CarePlanTests.WithOneGoal("I want to stay at home") with
        {
            Allergies = [new Allergy { Substance = "Latex" }, new Allergy { Substance = "Codeine" }],
        };
        var theirs = Copy(opened) with
        {
            Medications = [new Medication { Name = "Metformin" }],
            Allergies = [opened.Allergies[0], opened.Allergies[1] with { Reaction = "Nausea" }],
        };
        var mine = Copy(opened) with
        {
            Goals = [opened.Goals[0] with { InMyWords = "I want to stay in my own home" }],
            Allergies = [opened.Allergies[1]],
            Supports = [new SupportService { Provider = "Meals on Wheels", Service = "Meals" }],
        };

        var merged = PlanMerge.Reapply(opened, mine, theirs);

        Assert.Equal("Metformin", Assert.Single(merged.Medications).Name);
        Assert.Equal("I want to stay in my own home", Assert.Single(merged.Goals).InMyWords);
        Assert.Equal(("Codeine", "Nausea"), (Assert.Single(merged.Allergies).Substance, merged.Allergies[0].Reaction));
        Assert.Equal("Meals on Wheels", Assert.Single(merged.Supports).Provider);
    }

    [Fact]
    public void WhenBothChangedTheSameItem_MineWins()
    {
        var opened = CarePlanTests.WithOneGoal("Walk daily");
        var theirs = Copy(opened) with { Goals = [opened.Goals[0] with { Priority = GoalPriority.Low }] };
        var mine = Copy(opened) with { Goals = [opened.Goals[0] with { Priority = GoalPriority.High, InMyWords = "Walk every day" }] };
        var merged = PlanMerge.Reapply(opened, mine, theirs);
        Assert.Equal(("Walk every day", GoalPriority.High), (merged.Goals[0].InMyWords, merged.Goals[0].Priority));
    }

    [Fact]
    public void WithNoChangesOfMine_TheLatestVersionIsKeptAsItIs()
    {
        var opened = CarePlanTests.WithOneGoal();
        var theirs = Copy(opened) with { Assessments = [new Assessment { Type = "PHQ-9", Date = new DateOnly(2026, 10, 1) }] };
        var merged = PlanMerge.Reapply(opened, Copy(opened), theirs);
        Assert.Empty(PlanDiff.Between(theirs, merged));
    }

    private static CarePlanDocument Copy(CarePlanDocument d) =>
        CarePlan.Read(System.Text.Json.JsonSerializer.Serialize(d, CarePlan.Json));
}
