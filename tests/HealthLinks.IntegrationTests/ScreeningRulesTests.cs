using HealthLinks.Domain;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>A Health Link's own screening rules: validated, versioned, and used (and recorded) by each run.</summary>
public abstract class ScreeningRulesTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task BadRules_AreRefusedAtTheirFields_AndNothingIsSaved()
    {
        var rules = app.Get<ScreeningRules.Handler>();
        var before = (await rules.Get(app.HealthLinkId)).Current;
        var bad = new ScreeningCriteria { MinChronicConditions = 0, EdVisitsWithAdmissions = 6, EdVisitsAlone = 5 };
        var admin = await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        var refused = await rules.Save(admin, app.HealthLinkId, bad);
        Assert.Contains(refused.Violations, v => v is { Field: "MinChronicConditions", Code: Rules.OutOfRange });
        Assert.Contains(refused.Violations, v => v is { Field: "EdVisitsAlone", Code: Rules.OutOfRange });
        Assert.Equal(before, (await rules.Get(app.HealthLinkId)).Current);
    }

    [Fact]
    public async Task ARun_UsesTheLatestRules_AndRecordsTheirVersion()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        await using (var db = app.NewDb())
        {
            db.Conditions.Add(new Condition(patient, CodeSystem.Icd10Ca, "I50.0", "Heart failure", new DateOnly(2019, 1, 1), ConditionStatus.Active, "test"));
            await db.SaveChangesAsync();
        }

        var screen = app.Get<ScreenPopulation.Handler>();
        var asOf = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);
        var before = (await screen.Handle(new ScreenPopulation.Command(asOf, "test", app.HealthLinkId))).Value!;
        Assert.DoesNotContain(ScreeningCriterion.ChronicConditions, before.Patients.Single(p => p.PatientId == patient).Criteria);

        var rules = app.Get<ScreeningRules.Handler>();
        var coordinator = await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.CareCoordinator, healthLink: app.HealthLinkId));
        Assert.Equal(Rules.NotAllowed, (await rules.Save(coordinator, app.HealthLinkId, new ScreeningCriteria { MinChronicConditions = 1 })).Violations[0].Code);
        var admin = await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        var saved = await rules.Save(admin, app.HealthLinkId, new ScreeningCriteria { MinChronicConditions = 1 });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Violations));
        var after = (await screen.Handle(new ScreenPopulation.Command(asOf, "test", app.HealthLinkId))).Value!;
        Assert.Contains(ScreeningCriterion.ChronicConditions, after.Patients.Single(p => p.PatientId == patient).Criteria);
        Assert.Equal(saved.Value, after.RuleVersions[app.HealthLinkId]);

        await using var check = app.NewDb();
        var runs = await check.ScreeningRuns.Where(r => r.HealthLinkId == app.HealthLinkId).OrderBy(r => r.RanAt).Select(r => r.RuleVersion).ToListAsync();
        Assert.Equal([0, saved.Value], runs.TakeLast(2));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteScreeningRulesTests(SqliteApp app) : ScreeningRulesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresScreeningRulesTests(PostgresApp app) : ScreeningRulesTests(app);
