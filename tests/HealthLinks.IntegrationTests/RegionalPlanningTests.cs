using System.Text;
using System.Text.Json;

using HealthLinks.Domain;
using HealthLinks.Features.Regional;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Regional planning against a real store: the agencies' files imported (all or nothing, idempotent), the opportunities read from them, and patients only as suppressed counts.</summary>
public abstract class RegionalPlanningTests(AppFixture app) : AppTests(app)
{
    private const string ServicesHeader = "quarter,organization,service_category,funding,individuals_served,visits\n";
    private const string PerformanceHeader = "quarter,organization,service_category,indicator,actual,target,lower_limit,upper_limit\n";

    private sealed record Region(Guid Id, Guid HealthLink, Viewer Analyst, string Suffix);

    private async Task<Region> NewRegion()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var db = app.NewDb();
        var region = new Domain.Region($"Planning region {suffix}");
        var link = new HealthLink(region.Id, $"Planning link {suffix}");
        db.AddRange(region, link, new Organization(region.Id, $"Résidence Saint-Louis {suffix}", OrganizationKind.LongTermCare));
        await db.SaveChangesAsync();
        return new(region.Id, link.Id, await app.ViewerOf(await app.NewUser(Roles.RegionAnalyst, healthLink: link.Id)), suffix);
    }

    private async Task<ImportServices.Outcome> Import(Viewer viewer, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var result = await app.Get<ImportServices.Handler>().Handle(viewer, stream, "file.csv");
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    private static string Services(string s) =>
        ServicesHeader
        + $"2026Q2,Agency A {s},Crisis Intervention,10000,100,200\n2026Q3,Agency A {s},Crisis Intervention,11000,100,210\n"
        + $"2026Q3,Agency B {s},crisis intervention,30000,100,150\n2026Q3,RESIDENCE SAINT-LOUIS {s},Crisis Intervention,20000,100,100\n"
        + $"2026Q3,Agency A {s},Assisted Living Services,50000,20,400\n2026Q3,Agency C {s},AssistedLiving,52000,20,380\n";

    private static string Performance(string s) =>
        PerformanceHeader + $"2026Q3,Agency A {s},Crisis Intervention,wait_time_days,12.5,14,0,21\n2026Q3,Agency B {s},Crisis Intervention,wait_time_days,21,14,0,21\n";

    [Fact]
    public async Task TheAgenciesFiles_AreImported_AgainChangeNothing_AndTheRankingReadsThem()
    {
        var region = await NewRegion();
        var services = await Import(region.Analyst, Services(region.Suffix));
        Assert.Equal((ServiceFiles.Kind.Services, 6, 6, 0, 0), (services.Summary!.Kind, services.Summary.Rows, services.Summary.Added, services.Summary.Changed, services.Summary.Unchanged));

        // Agencies A, B and C are new to the directory; the residence is matched whatever its case and accents.
        Assert.Equal(3, services.Summary.OrganizationsAdded);
        var performance = await Import(region.Analyst, Performance(region.Suffix));
        Assert.Equal((ServiceFiles.Kind.Performance, 2), (performance.Summary!.Kind, performance.Summary.Added));

        var again = await Import(region.Analyst, Services(region.Suffix));
        Assert.Equal((0, 0, 6, 0), (again.Summary!.Added, again.Summary.Changed, again.Summary.Unchanged, again.Summary.OrganizationsAdded));
        var corrected = await Import(region.Analyst, Services(region.Suffix).Replace("11000,100,210", "12000,100,210", StringComparison.Ordinal));
        Assert.Equal((0, 1, 5), (corrected.Summary!.Added, corrected.Summary.Changed, corrected.Summary.Unchanged));

        await using (var db = app.NewDb())
        {
            Assert.Equal(6, await db.ServiceVolumes.CountAsync(v => v.RegionId == region.Id));
            Assert.Equal(4, await db.Organizations.CountAsync(o => o.RegionId == region.Id));
            Assert.Equal(12000m, (await db.ServiceVolumes.Where(v => v.RegionId == region.Id && v.Quarter == "2026Q3").ToListAsync()).Sum(v => v.Funding) - 152000m);
        }

        var report = await app.Get<IntegrationOpportunities.Handler>().Handle(region.Analyst, null);
        Assert.True(report.Succeeded);
        var analysis = report.Value!.Analysis;
        Assert.Equal(new Quarter(2026, 3), analysis.Quarter);
        Assert.Equal(["2026Q2", "2026Q3"], report.Value.QuartersWithData.Select(q => q.ToString()));
        var crisis = analysis.Opportunities.Single(o => o.Category.Code == "CrisisIntervention");
        Assert.Equal((3, 300, 62000.0), (crisis.Providers, crisis.Volume, crisis.Funding));
        Assert.Equal(62000 / 164000.0, crisis.AllocationShare, 9);

        // The JSON the command line writes: the fields the issue names, per category.
        using var json = JsonDocument.Parse(IntegrationFiles.ToJson(report.Value));
        var first = json.RootElement.GetProperty("categories")[0];
        foreach (var field in new[] { "category", "providers", "volume", "funding", "allocationShare", "variation", "score", "rank", "underperformers" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        await using var audit = app.NewDb();
        Assert.True(await audit.AuditEvents.AnyAsync(e => e.UserName == region.Analyst.UserName && e.What == "Integration opportunities 2026Q3" && e.PatientId == null));
    }

    [Theory]
    [InlineData("2026Q3,New agency {0},Made-up Services,1,1,1\n", 2, "service_category", "UnknownCategory")]
    [InlineData("2026Q3,New agency {0},Crisis Intervention,1,1,1\n2026Q5,New agency {0},Crisis Intervention,1,1,1\n", 3, "quarter", "BadQuarter")]
    [InlineData("2026Q3,New agency {0},Crisis Intervention,-1,1,1\n", 2, "funding", "Negative")]
    [InlineData("2026Q3,New agency {0},Crisis Intervention,1,1,1\n2026Q3,New agency {0},Crisis Intervention,2,2,2\n", 3, "", "Duplicate")]
    public async Task ABadFile_StoresNothing_AndNamesTheRowAndColumn(string rows, int row, string column, string code)
    {
        var region = await NewRegion();
        await Import(region.Analyst, Services(region.Suffix));
        var outcome = await Import(region.Analyst, ServicesHeader + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, region.Suffix) + $"2026Q1,Agency A {region.Suffix},Crisis Intervention,5,5,5\n");
        Assert.False(outcome.Stored);
        Assert.Contains(outcome.Problems, p => p.Row == row && p.Column == column && p.Code == code);

        await using var db = app.NewDb();
        Assert.Equal(6, await db.ServiceVolumes.CountAsync(v => v.RegionId == region.Id));
        Assert.False(await db.ServiceVolumes.AnyAsync(v => v.RegionId == region.Id && v.Quarter == "2026Q1"));
        Assert.False(await db.Organizations.AnyAsync(o => o.RegionId == region.Id && o.Name.StartsWith("New agency")));
    }

    [Fact]
    public async Task PatientsInCommon_FromOneToFour_AreWithheld_AndNoPatientIsNamed()
    {
        var region = await NewRegion();
        await Import(region.Analyst, Services(region.Suffix));
        var names = new List<string>();
        await using (var db = app.NewDb())
        {
            var agencies = await db.Organizations.Where(o => o.RegionId == region.Id && o.Name.StartsWith("Agency")).ToDictionaryAsync(o => o.Name[..8]);
            var residence = await db.Organizations.SingleAsync(o => o.RegionId == region.Id && o.Name.StartsWith("Résidence"));
            var (a, b, c) = (new Provider(agencies["Agency A"].Id, "Ada", "Worker", Profession.CommunityWorker), new Provider(agencies["Agency B"].Id, "Bo", "Worker", Profession.CommunityWorker),
                new Provider(residence.Id, "Cy", "Nurse", Profession.RegisteredNurse));
            db.Providers.AddRange(a, b, c);
            await db.SaveChangesAsync();

            // Three patients with A and B; six with A and the residence.
            for (var i = 0; i < 9; i++)
            {
                var saved = await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = region.HealthLink, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) with { FamilyName = $"Sharedpatient{i}{region.Suffix}" } });
                var patient = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == saved.Value);
                names.Add(patient.FamilyName);
                patient.AddProviderToTeam(a.Id, "Support", new DateOnly(2026, 7, 2));
                patient.AddProviderToTeam(i < 3 ? b.Id : c.Id, "Support", new DateOnly(2026, 7, 2));
                await db.SaveChangesAsync();
            }
        }

        var report = (await app.Get<IntegrationOpportunities.Handler>().Handle(region.Analyst, new Quarter(2026, 3))).Value!;
        var crisis = report.Analysis.Opportunities.Single(o => o.Category.Code == "CrisisIntervention");
        var partners = report.Partners[crisis.Category.Id];
        Assert.Contains(partners, p => p.Patients == 6 && p.First.StartsWith("Agency A") && p.Second.StartsWith("Résidence"));
        Assert.Contains(partners, p => p.Patients is null && p.First.StartsWith("Agency A") && p.Second.StartsWith("Agency B"));

        var brief = (await app.Get<IntegrationOpportunities.Handler>().Brief(region.Analyst, new Quarter(2026, 3), crisis.Category.Id)).Value!;
        var l = app.Get<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Strings>>();
        var files = Encoding.UTF8.GetString(IntegrationFiles.ToJson(report)) + Encoding.UTF8.GetString(IntegrationFiles.ToCsv(report, l));
        Assert.DoesNotContain("\"sharedPatients\": 3", files, StringComparison.Ordinal);
        Assert.All(names, n => Assert.DoesNotContain(n, files, StringComparison.Ordinal));
        Assert.NotEmpty(IntegrationFiles.BriefPdf(brief, l));
    }

    [Fact]
    public async Task OnlyAnalysts_ImportAndRead_TheRegionsPlanning()
    {
        var region = await NewRegion();
        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: region.HealthLink));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Services(region.Suffix)));
        Assert.Equal(Rules.NotAllowed, (await app.Get<ImportServices.Handler>().Handle(coordinator, stream, "services.csv")).Violations.Single().Code);
        Assert.Equal(Rules.NotAllowed, (await app.Get<IntegrationOpportunities.Handler>().Handle(coordinator, null)).Violations.Single().Code);
        Assert.Equal(Rules.NotAllowed, (await app.Get<SaveBriefNotes.Handler>().Handle(coordinator, new Quarter(2026, 3), Guid.NewGuid(), "x")).Violations.Single().Code);

        await using var db = app.NewDb();
        Assert.False(await db.ServiceVolumes.AnyAsync(v => v.RegionId == region.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteRegionalPlanningTests(SqliteApp app) : RegionalPlanningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegionalPlanningTests(PostgresApp app) : RegionalPlanningTests(app);
