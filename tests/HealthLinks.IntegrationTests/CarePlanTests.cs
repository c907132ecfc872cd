using HealthLinks.Domain;
using HealthLinks.Features.CarePlans;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>The coordinated care plan against a real database: versions, comparison, concurrent editors, completeness.</summary>
public abstract class CarePlanTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task TwoSaves_MakeTwoVersions_AndComparingThemShowsWhatChanged()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var save = app.Get<SaveCarePlan.Handler>();
        var first = await save.Save(new SaveCarePlan.Command(patient, 0, Plan(nurse), "coordinator"));
        Assert.True(first.Saved, string.Join("; ", first.Violations));

        var view = await ReadPlan(patient);
        var changed = view!.Document with { Medications = [new Medication { Name = "Metformin", Dose = "500 mg", Frequency = "twice a day", Prescriber = "Dr. Abbott", Pharmacy = "Bank Street Pharmacy", Purpose = "Diabetes", Source = "Patient" }] };
        var second = await save.Save(new SaveCarePlan.Command(patient, view.Version, changed, "pharmacist"));
        Assert.Equal(2, second.Version);

        view = await ReadPlan(patient);
        Assert.Equal([2, 1], view!.Versions.Select(v => v.Number));
        Assert.Equal(("pharmacist", "Medications: 1 added"), (view.Versions[0].SavedBy, view.Versions[0].Summary));

        var comparison = (await app.Get<CompareVersions.Handler>().Handle(await Lead(patient), patient, 2, 1)).Value;
        var change = Assert.Single(comparison!.Changes);
        Assert.Equal((PlanSection.Medications, ChangeKind.Added, "Metformin"), (change.Section, change.Kind, change.Item));
        Assert.Empty(comparison.Older.Document.Medications);
        Assert.Null((await app.Get<CompareVersions.Handler>().Handle(await Lead(patient), patient, 1, 9)).Value);
    }

    /// <summary>The comparison as a person reads it: field names, labels, names and dates in their language; no paths, ids, enum names or "false".</summary>
    [Theory]
    [InlineData("en", "Status", "In progress", "Who", "By when", "Jun 30, 2027", "Actions: 1 changed")]
    [InlineData("fr", "État", "En cours", "Responsable", "Date cible", "2027-06-30", "Actions\u00a0: 1 modifié")]
    public async Task TheComparison_ReadsAsText_InTheReadersLanguage(string language, string status, string inProgress, string who, string byWhen, string date, string summary)
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var save = app.Get<SaveCarePlan.Handler>();
        await save.Save(new SaveCarePlan.Command(patient, 0, Plan(nurse), "coordinator"));
        var view = (await ReadPlan(patient))!;
        var action = view.Document.Goals[0].Actions[0];
        var lead = view.Team.Single(m => m.IsLead);
        var changed = view.Document with { Goals = [view.Document.Goals[0] with { Actions = [action with { Status = ActionStatus.InProgress, ResponsibleMemberId = lead.Id, TargetDate = new DateOnly(2027, 6, 30) }] }] };
        await save.Save(new SaveCarePlan.Command(patient, view.Version, changed, "coordinator"));
        view = (await ReadPlan(patient))!;
        var comparison = (await app.Get<CompareVersions.Handler>().Handle(await Lead(patient), patient, 1, 2)).Value!;

        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(language);
        try
        {
            var l = app.Get<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Strings>>();
            var reader = new ChangedFields.Reader(l, view.Team.ToDictionary(m => m.Id, m => m.Name), view.Document.HealthIssues.ToDictionary(i => i.Id, i => i.InMyWords));
            var fields = ChangedFields.Of(Assert.Single(comparison.Changes), reader);
            Assert.Contains(fields, f => f.Name == status && f.After == inProgress && f.Changed);
            Assert.Contains(fields, f => f.Name == who && f.Before == view.Team.Single(m => m.Id == nurse).Name && f.After == lead.Name);
            Assert.Contains(fields, f => f.Name == byWhen && f.Before is null && f.After == date);
            var text = string.Join(" ", fields.Select(f => $"{f.Name} {f.Before} {f.After}"));
            Assert.DoesNotMatch(@"[0-9a-f]{8}-[0-9a-f]{4}|responsibleMemberId|InProgress|\bfalse\b|\btrue\b|action\.", text);
            Assert.Equal(summary, ChangedFields.Summary(view.Versions[0].Summary, l));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task TwoEditors_SaveFromTheSameVersion_TheSecondIsRefused_AndToldWhatChanged()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var save = app.Get<SaveCarePlan.Handler>();
        await save.Save(new SaveCarePlan.Command(patient, 0, Plan(nurse), "coordinator"));
        var opened = (await ReadPlan(patient))!;

        var theirs = opened.Document with { Allergies = [new Allergy { Substance = "Sulfa", Reaction = "Rash", Severity = AllergySeverity.Moderate }] };
        var mine = opened.Document with { Goals = [opened.Document.Goals[0] with { InMyWords = "I want to garden again" }] };
        var first = await save.Save(new SaveCarePlan.Command(patient, opened.Version, theirs, "nurse"));
        var second = await save.Save(new SaveCarePlan.Command(patient, opened.Version, mine, "coordinator"));

        Assert.True(first.Saved);
        Assert.False(second.Saved);
        Assert.Equal(("Version", Rules.PlanChangedByOthers), (second.Violations[0].Field, second.Violations[0].Code));
        var theirChange = Assert.Single(second.ChangesByOthers);
        Assert.Equal((PlanSection.Allergies, "Sulfa"), (theirChange.Section, theirChange.Item));

        var kept = (await ReadPlan(patient))!;
        Assert.Equal(("Sulfa", "I want to stay at home"), (kept.Document.Allergies[0].Substance, kept.Document.Goals[0].InMyWords));

        // Applying the edit again on the newer version works.
        var again = await save.Save(new SaveCarePlan.Command(patient, kept.Version, kept.Document with { Goals = mine.Goals }, "coordinator"));
        Assert.True(again.Saved);
    }

    [Fact]
    public async Task TheDatabase_RefusesTheSecondOfTwoSimultaneousSaves()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, Plan(nurse), "coordinator"));
        var team = new HashSet<Guid> { nurse };
        var facts = new CompletenessFacts(true, 2);
        await using var a = app.NewDb();
        await using var b = app.NewDb();
        var planA = await a.CarePlans.SingleAsync(p => p.PatientId == patient);
        var planB = await b.CarePlans.SingleAsync(p => p.PatientId == patient);
        a.CarePlanVersions.Add(planA.Save(planA.Document with { Supports = [new SupportService { Provider = "Meals on Wheels", Service = "Meals", Frequency = "3 a week" }] }, 1, team, facts, "a", DateTime.UtcNow)!);
        b.CarePlanVersions.Add(planB.Save(planB.Document with { OtherTreatments = [new Treatment { Name = "Oxygen", Details = "2 L at night" }] }, 1, team, facts, "b", DateTime.UtcNow)!);
        await a.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => b.SaveChangesAsync());

        var view = (await ReadPlan(patient))!;
        Assert.Equal((2, 1, 0), (view.Version, view.Document.Supports.Count, view.Document.OtherTreatments.Count));
    }

    [Fact]
    public async Task ABadPlan_IsRefusedAtItsField_AndNothingIsStored()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var plan = Plan(nurse);
        var broken = plan with { Goals = [plan.Goals[0] with { Actions = [plan.Goals[0].Actions[0] with { ResponsibleMemberId = null }] }] };
        var outcome = await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, broken, "coordinator"));
        Assert.Equal(("Goals[0].Actions[0].ResponsibleMemberId", Rules.ActionWithoutOwner), (outcome.Violations[0].Field, outcome.Violations[0].Code));
        await using var db = app.NewDb();
        Assert.False(await db.CarePlans.AnyAsync(p => p.PatientId == patient));
    }

    [Fact]
    public async Task APlan_BecomesComplete_WithIdentifiersTwoProfessionalsAGoalAndAnAction()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var empty = (await ReadPlan(patient))!;
        Assert.Equal(new PlanCompleteness(true, true, false, false), empty.Completeness);

        await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, Plan(nurse), "coordinator"));
        var view = (await ReadPlan(patient))!;
        Assert.True(view.Completeness.IsComplete);
        Assert.NotNull(view.CompletedAt);
    }

    [Fact]
    public async Task AReview_NeedsAFutureDate()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var review = app.Get<MarkPlanReviewed.Handler>();
        Assert.Equal(Rules.NotFound, (await review.Handle(await Lead(patient), new MarkPlanReviewed.Command(patient, new DateOnly(2099, 1, 1), "c"))).Violations[0].Code);
        await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, Plan(nurse), "coordinator"));
        Assert.Equal(Rules.ReviewDueInPast, (await review.Handle(await Lead(patient), new MarkPlanReviewed.Command(patient, new DateOnly(2020, 1, 1), "c"))).Violations[0].Code);
        var due = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System).AddDays(90);
        Assert.True((await review.Handle(await Lead(patient), new MarkPlanReviewed.Command(patient, due, "c"))).Succeeded);
        Assert.Equal(due, (await ReadPlan(patient))!.NextReviewDue);
    }

    [Fact]
    public async Task AMedicationReview_ReconcilesDisagreeingPharmacies_KeepsWhy_AndRefusesAStaleReviewer()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var document = Plan(nurse) with
        {
            Medications =
            [
                new Medication { Name = "Metformin", Dose = "500 mg", Frequency = "twice a day", Source = "Bank Street Pharmacy" },
                new Medication { Name = "Metformin", Dose = "850 mg", Frequency = "twice a day", Source = "Rideau Pharmacy" },
            ],
        };
        await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, "coordinator"));
        var reviewer = app.Get<ReviewMedications.Handler>();
        var decisions = MedicationReconciliation.Proposals(document.Medications);

        var noReason = await reviewer.Handle(await Lead(patient), new ReviewMedications.Command(patient, 1, new MedicationReview { ReviewedBy = "Pat Pharmacist", ReviewedOn = Today, Decisions = decisions }, "pharmacist"));
        Assert.Contains(noReason.Violations, v => v is { Field: "Decisions[0].Reason", Code: Rules.Required });
        Assert.Equal(1, (await ReadPlan(patient))!.Version);

        decisions[0].Reason = "Checked with the prescriber: 500 mg";
        var review = new MedicationReview { ReviewedBy = "Pat Pharmacist", ReviewedOn = Today, Decisions = decisions };
        var saved = await reviewer.Handle(await Lead(patient), new ReviewMedications.Command(patient, 1, review, "pharmacist"));
        Assert.True(saved.Saved, string.Join("; ", saved.Violations));

        var view = (await ReadPlan(patient))!;
        Assert.Equal(2, view.Version);
        var reconciled = Assert.Single(view.Document.Medications);
        Assert.Equal(("500 mg", "Bank Street Pharmacy", (DateOnly?)Today), (reconciled.Dose, reconciled.Source, reconciled.ReconciledOn));
        Assert.Equal("Checked with the prescriber: 500 mg", Assert.Single(Assert.Single(view.Document.MedicationReviews).Decisions).Reason);
        Assert.Contains("MedicationReviews: 1 added", view.Versions[0].Summary, StringComparison.Ordinal);

        var stale = await reviewer.Handle(await Lead(patient), new ReviewMedications.Command(patient, 1, review, "someone else"));
        Assert.Contains(stale.Violations, v => v.Code == Rules.PlanChangedByOthers);
        Assert.Equal(2, (await ReadPlan(patient))!.Version);
    }

    private static DateOnly Today => HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);

    private static CarePlanDocument Plan(Guid nurse) => new()
    {
        Goals =
        [
            new Goal
            {
                InMyWords = "I want to stay at home", Priority = GoalPriority.High,
                Actions = [new PlanAction { What = "Home safety visit", ResponsibleMemberId = nurse, Status = ActionStatus.Accepted }],
            },
        ],
    };

    private readonly Dictionary<PatientId, Infrastructure.Privacy.Viewer> _leads = [];

    /// <summary>The plan as the patient's lead reads it, through the same door as every page.</summary>
    private async Task<GetCarePlan.View?> ReadPlan(PatientId patient) => (await app.Get<GetCarePlan.Handler>().Handle(await Lead(patient), patient)).Value;

    private async Task<Infrastructure.Privacy.Viewer> Lead(PatientId patient) =>
        _leads.TryGetValue(patient, out var lead) ? lead : _leads[patient] = await app.ViewerOf(await app.TeamAccount(patient));
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCarePlanTests(SqliteApp app) : CarePlanTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCarePlanTests(PostgresApp app) : CarePlanTests(app);
