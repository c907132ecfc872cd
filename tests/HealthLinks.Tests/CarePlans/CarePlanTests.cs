using HealthLinks.Domain;

namespace HealthLinks.Tests.CarePlans;

public class CarePlanTests
{
    private static readonly DateTime Created = new(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Nurse = Guid.NewGuid();
    private static readonly HashSet<Guid> Team = [Nurse];
    private static readonly CompletenessFacts Complete = new(IdentifiersComplete: true, HealthCareProfessionalsOnTeam: 2);

    internal static CarePlanDocument WithOneGoal(string goal = "I want to stay in my own home") => new()
    {
        Goals =
        [
            new Goal
            {
                InMyWords = goal, Priority = GoalPriority.High, TargetDate = new DateOnly(2027, 3, 1),
                Actions = [new PlanAction { What = "Arrange a home safety assessment", ResponsibleMemberId = Nurse, TargetDate = new DateOnly(2026, 10, 1), Status = ActionStatus.Accepted }],
            },
        ],
        HealthIssues = [new HealthIssue { InMyWords = "My sugar is high", System = CodeSystem.SnomedCt, Code = "44054006", Display = "Type 2 diabetes mellitus" }],
    };

    [Fact]
    public void EachSave_KeepsAVersion_WithWhoWhenAndWhatChanged()
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        var first = plan.Save(WithOneGoal(), 0, Team, Complete, "coordinator", Created.AddHours(1));
        var document = plan.Document with { Allergies = [new Allergy { Substance = "Penicillin", Reaction = "Hives", Severity = AllergySeverity.Moderate }] };
        var second = plan.Save(document, 1, Team, Complete, "nurse", Created.AddHours(2));

        Assert.Equal(2, plan.Version);
        Assert.Equal([1, 2], plan.Versions.Select(v => v.Number));
        Assert.Equal(("nurse", Created.AddHours(2), "Allergies: 1 added"), (second!.SavedBy, second.SavedAt, second.Summary));
        Assert.Contains("Goals: 1 added", first!.Summary, StringComparison.Ordinal);
        Assert.Empty(first.Document.Allergies);
        Assert.Equal("Penicillin", Assert.Single(second.Document.Allergies).Substance);
    }

    [Fact]
    public void SavingFromAnOlderVersion_IsRefused_AndTheNewerPlanIsKept()
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        plan.Save(WithOneGoal("First editor's goal"), 0, Team, Complete, "first", Created.AddHours(1));
        var e = Assert.Throws<StalePlanException>(() => plan.Save(WithOneGoal("Second editor's goal"), 0, Team, Complete, "second", Created.AddHours(2)));
        Assert.Equal((0, 1), (e.ExpectedVersion, e.CurrentVersion));
        Assert.Equal("First editor's goal", Assert.Single(plan.Document.Goals).InMyWords);
        Assert.Single(plan.Versions);
    }

    [Fact]
    public void SavingWithNoChange_MakesNoVersion()
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        var document = WithOneGoal();
        plan.Save(document, 0, Team, Complete, "coordinator", Created.AddHours(1));
        Assert.Null(plan.Save(CarePlan.Read(plan.DocumentJson), 1, Team, Complete, "coordinator", Created.AddHours(2)));
        Assert.Single(plan.Versions);
    }

    [Fact]
    public void TheFirstMomentThePlanIsComplete_IsRecorded_AndKept()
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        plan.Save(WithOneGoal(), 0, Team, Complete with { HealthCareProfessionalsOnTeam = 1 }, "c", Created.AddHours(1));
        Assert.Null(plan.CompletedAt);
        Assert.False(PlanCompleteness.Of(plan.Document, Complete with { HealthCareProfessionalsOnTeam = 1 }).TwoProfessionals);

        var document = plan.Document with { Allergies = [new Allergy { Substance = "Latex", Severity = AllergySeverity.Mild }] };
        plan.Save(document, 1, Team, Complete, "c", Created.AddHours(2));
        Assert.Equal(Created.AddHours(2), plan.CompletedAt);

        plan.Save(document with { Goals = [] }, 2, Team, Complete, "c", Created.AddHours(3));
        Assert.Equal(Created.AddHours(2), plan.CompletedAt);
        Assert.False(PlanCompleteness.Of(plan.Document, Complete).IsComplete);
    }

    [Fact]
    public void CancelledGoalsAndActions_DoNotCount_AndATeamChange_CompletesAPlanAlreadySaved()
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        plan.Save(WithOneGoal(), 0, Team, Complete with { HealthCareProfessionalsOnTeam = 1 }, "c", Created.AddHours(1));
        var document = plan.Document;
        Assert.True(PlanCompleteness.Of(document, Complete).AnAction);
        Assert.False(PlanCompleteness.Of(document with { Goals = [.. document.Goals.Select(g => g with { Actions = [.. g.Actions.Select(a => a with { Status = ActionStatus.Cancelled })] })] }, Complete).AnAction);
        Assert.False(PlanCompleteness.Of(document with { Goals = [.. document.Goals.Select(g => g with { Lifecycle = GoalLifecycle.Cancelled })] }, Complete).AGoal);

        plan.Reconsider(Complete with { HealthCareProfessionalsOnTeam = 1 }, Created.AddHours(2));
        Assert.Null(plan.CompletedAt);
        plan.Reconsider(Complete, Created.AddHours(3));
        Assert.Equal(Created.AddHours(3), plan.CompletedAt);
    }

    public static TheoryData<string, string, string> BadPlans() => new()
    {
        { "empty goal", "Goals[0].InMyWords", Rules.Required },
        { "action without owner", "Goals[0].Actions[0].ResponsibleMemberId", Rules.ActionWithoutOwner },
        { "owner not on team", "Goals[0].Actions[0].ResponsibleMemberId", Rules.UnknownMember },
        { "target before plan", "Goals[0].Actions[0].TargetDate", Rules.DateBeforePlan },
        { "goal date before plan", "Goals[0].TargetDate", Rules.DateBeforePlan },
        { "unknown snomed code", "HealthIssues[0].Code", Rules.UnknownCode },
        { "unknown icd code", "HealthIssues[0].Code", Rules.UnknownCode },
        { "oversized notes", "Goals[0].Actions[0].Notes", Rules.TooLong },
        { "assessment in future", "Assessments[0].Date", Rules.DateInFuture },
        { "discharge before admission", "LastHospitalVisit.Discharged", Rules.EndBeforeStart },
        { "situation twice", "Situation", Rules.DuplicateArea },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public void ABadPlan_IsRefusedAtItsField_AndNothingChanges(string what, string field, string code)
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        plan.Save(WithOneGoal(), 0, Team, Complete, "c", Created.AddHours(1));
        var before = plan.DocumentJson;
        var document = Break(plan.Document, what);

        var e = Assert.Throws<DomainRuleException>(() => plan.Save(document, 1, Team, Complete, "c", Created.AddHours(2)));
        Assert.Contains(e.Violations, v => v.Field == field && v.Code == code);
        Assert.Equal((1, before), (plan.Version, plan.DocumentJson));
    }

    [Fact]
    public void TheDiff_MatchesItemsById_SoARewordedGoalIsChanged()
    {
        var before = WithOneGoal("I want to walk to church");
        var after = before with { Goals = [before.Goals[0] with { InMyWords = "I want to walk to church on Sundays" }] };
        var change = Assert.Single(PlanDiff.Between(before, after));
        Assert.Equal((PlanSection.Goals, ChangeKind.Changed, "I want to walk to church on Sundays"), (change.Section, change.Kind, change.Item));
        Assert.Contains("walk to church\"", change.Before, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDiff_ReportsActionsUnderTheirGoal()
    {
        var before = WithOneGoal();
        var goal = before.Goals[0];
        var after = before with { Goals = [goal with { Actions = [goal.Actions[0] with { Status = ActionStatus.Done }] }] };
        var change = Assert.Single(PlanDiff.Between(before, after));
        Assert.Equal((PlanSection.Actions, ChangeKind.Changed), (change.Section, change.Kind));
        Assert.StartsWith("I want to stay in my own home ›", change.Item, StringComparison.Ordinal);
    }

    [Fact]
    public void AReview_SetsTheNextReviewDate_WhichMustBeInTheFuture()
    {
        var plan = new CarePlan(PatientId.New(), "coordinator", Created);
        Assert.Throws<DomainRuleException>(() => plan.MarkReviewed(DateOnly.FromDateTime(Created), "c", Created));
        plan.MarkReviewed(new DateOnly(2026, 12, 1), "c", Created);
        Assert.Equal((Created, "c", new DateOnly(2026, 12, 1)), (plan.LastReviewedAt!.Value, plan.LastReviewedBy!, plan.NextReviewDue!.Value));
    }

    [Theory]
    [InlineData("44054006", true)]
    [InlineData("38341003", true)]
    [InlineData("13645005", true)]
    [InlineData("44054007", false)]
    [InlineData("4405400", false)]
    [InlineData("44054OO6", false)]
    public void SnomedCodes_AreCheckedWithTheirVerhoeffDigit(string code, bool valid) =>
        Assert.Equal(valid, CarePlanRules.IsKnownCodeFormat(CodeSystem.SnomedCt, code));

    [Theory]
    [InlineData("E11", true)]
    [InlineData("E11.9", true)]
    [InlineData("J441", true)]
    [InlineData("11E", false)]
    [InlineData("e11", false)]
    public void Icd10CaCodes_AreCheckedForShape(string code, bool valid) =>
        Assert.Equal(valid, CarePlanRules.IsKnownCodeFormat(CodeSystem.Icd10Ca, code));

    private static CarePlanDocument Break(CarePlanDocument d, string what)
    {
        var goal = d.Goals[0];
        var action = goal.Actions[0];
        CarePlanDocument WithAction(PlanAction a) => d with { Goals = [goal with { Actions = [a] }] };
        return what switch
        {
            "empty goal" => d with { Goals = [goal with { InMyWords = "  " }] },
            "action without owner" => WithAction(action with { ResponsibleMemberId = null, PatientIsResponsible = false }),
            "owner not on team" => WithAction(action with { ResponsibleMemberId = Guid.NewGuid() }),
            "target before plan" => WithAction(action with { TargetDate = new DateOnly(2026, 8, 31) }),
            "goal date before plan" => d with { Goals = [goal with { TargetDate = new DateOnly(2025, 1, 1) }] },
            "unknown snomed code" => d with { HealthIssues = [d.HealthIssues[0] with { Code = "44054007" }] },
            "unknown icd code" => d with { HealthIssues = [d.HealthIssues[0] with { System = CodeSystem.Icd10Ca, Code = "diabetes" }] },
            "oversized notes" => WithAction(action with { Notes = new string('n', CarePlanRules.MaxText + 1) }),
            "assessment in future" => d with { Assessments = [new Assessment { Type = "PHQ-9", Date = new DateOnly(2027, 1, 1), Result = "12" }] },
            "discharge before admission" => d with { LastHospitalVisit = new HospitalVisit { Where = "Rideau Valley General", Admitted = new DateOnly(2026, 8, 10), Why = "Fall", Discharged = new DateOnly(2026, 8, 9) } },
            "situation twice" => d with { Situation = [new Situation { Area = SituationArea.Housing, Rating = SituationRating.NoConcern }, new Situation { Area = SituationArea.Housing, Rating = SituationRating.SomeConcern }] },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
    }
}
