using System.Text.Json;

using HealthLinks.Domain;
using HealthLinks.Features.Import;
using HealthLinks.Features.Population;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Synthea's FHIR bundles (written by others) imported twice, then screened; checked against counts made here from the raw JSON.</summary>
public abstract class ImportAndScreenTests(AppFixture app)
{
    private static readonly DateOnly AsOf = new(2021, 1, 1);

    public static string SyntheaFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "data", "synthea-r4")))
            {
                dir = dir.Parent;
            }

            return dir is null ? throw new DirectoryNotFoundException("shared/data/synthea-r4 beside the checkout") : Path.Combine(dir.FullName, "shared", "data", "synthea-r4");
        }
    }

    [Fact]
    public async Task Synthea_ImportedTwice_GivesTheSameCounts_AndScreeningMatchesAnIndependentCount()
    {
        var raw = RawCounts.Of(SyntheaFolder);
        var import = app.Get<ImportFhir.Handler>();

        var first = (await import.Handle(new ImportFhir.Command(SyntheaFolder, app.HealthLinkId))).Value!;
        Assert.Empty(first.Rejected);
        Assert.Equal(raw.Patients.Count, first.Imported["Patient"]);
        Assert.Equal(raw.Encounters, first.Imported["Encounter"]);
        Assert.Equal(raw.Conditions, first.Imported["Condition"]);
        Assert.Equal(raw.Claims, first.Imported["Claim"]);
        Assert.Equal(raw.Organizations, first.Imported["Organization"]);
        var counts = await Counts();

        var second = (await import.Handle(new ImportFhir.Command(SyntheaFolder, app.HealthLinkId))).Value!;
        Assert.Equal(0, second.ImportedTotal);
        Assert.Equal(first.ImportedTotal + first.Unchanged, second.Unchanged);
        Assert.Equal(counts, await Counts());

        var screened = (await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(AsOf, "test", app.HealthLinkId, Record: false))).Value!;
        var alive = raw.Patients.Values.Where(p => p.Born <= AsOf && (p.Died is null || p.Died >= AsOf)).ToList();
        // Other tests of this class may import patients of their own into the same database.
        var synthea = screened.Patients.Where(p => p.SourceIds.Any(raw.Patients.ContainsKey)).ToList();
        Assert.Equal(alive.Count, synthea.Count);
        foreach (var patient in synthea)
        {
            var expected = raw.Patients[Assert.Single(patient.SourceIds)];
            Assert.Equal((expected.Id, expected.EdVisits, expected.Admissions), (expected.Id, patient.EdVisits12m, patient.Admissions12m));
            var utilization = (expected.EdVisits >= 4 && expected.Admissions >= 3) || expected.EdVisits >= 5;
            Assert.Equal(utilization, patient.Criteria.Contains(ScreeningCriterion.Utilization));
        }

        Assert.Contains(synthea, p => p.EdVisits12m > 0); // the window is not empty: the comparison means something
        Assert.All(screened.Patients, p => Assert.Null(p.Score)); // no model yet

        // The cost-risk model learns from 2019 what predicts the top 5% of cost in 2020, and scores everyone screened.
        var trained = await app.Get<Features.Risk.TrainRiskModel.Handler>().Handle(new Features.Risk.TrainRiskModel.Command(AsOf, "test"));
        Assert.True(trained.Succeeded, string.Join("; ", trained.Violations));
        Assert.InRange(trained.Value!.Auc, 0, 1);
        Assert.True(trained.Value.HeldOutPatients > 0 && trained.Value.Positives > 0);
        var calibration = trained.Value.Calibration;
        Assert.Equal(trained.Value.HeldOutPatients, calibration.Bands.Sum(b => b.Patients));
        Assert.Equal(trained.Value.HeldOutPatients, calibration.Deciles.Sum(d => d.Patients));
        Assert.True(calibration.Deciles.Zip(calibration.Deciles.Skip(1)).All(p => p.First.Predicted <= p.Second.Predicted), "deciles are in order of predicted risk");
        Assert.InRange(calibration.Brier, 0, 1);
        var scored = (await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(AsOf, "test", app.HealthLinkId))).Value!;
        Assert.Equal(trained.Value.Version, scored.Model!.Version);
        Assert.All(scored.Patients, p => Assert.InRange(p.Score!.Value, 0f, 1f));
        Assert.All(scored.Patients, p => Assert.All(p.Drivers, d => Assert.True(d.Contribution > 0)));
        await using var db = app.NewDb();
        Assert.Equal(scored.Patients.Count(p => p.Criteria.Count > 0), await db.ScreeningResults.CountAsync(r => r.Score != null));

        // The scorer's probability is the one ML.NET predicts with the saved model, for every patient.
        var saved = await db.RiskModels.OrderByDescending(m => m.Version).FirstAsync();
        using var bytes = new MemoryStream(saved.Model);
        var ml = new Microsoft.ML.MLContext();
        var engine = ml.Model.CreatePredictionEngine<Features.Risk.TrainRiskModel.Input, Prediction>(ml.Model.Load(bytes, out _));
        var standardization = JsonSerializer.Deserialize<Features.Risk.TrainRiskModel.Standardization>(saved.StandardizationJson)!;
        var scorer = (await Features.Risk.RiskScorer.Latest(db, default))!;
        var population = await app.Get<PopulationCache>().Get(db, default);
        var window = new Features.Population.RiskFeatures.Window(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        for (var p = 0; p < population.Count; p++)
        {
            var features = Features.Population.RiskFeatures.Of(population, p, window);
            Assert.Equal(engine.Predict(new Features.Risk.TrainRiskModel.Input { Features = standardization.Apply(features) }).Probability, scorer.Score(features).Probability, 4);
        }
    }

    [Fact]
    public async Task TheModel_RefusesToTrainWithoutEnoughHistory()
    {
        var trained = await app.Get<Features.Risk.TrainRiskModel.Handler>().Handle(new Features.Risk.TrainRiskModel.Command(new DateOnly(1990, 1, 1), "test"));
        Assert.Equal(Rules.NotEnoughHistory, Assert.Single(trained.Violations).Code);
    }

    [Fact]
    public async Task ATransactionBundle_WithADanglingReference_ImportsNothing_AndNamesTheEntry()
    {
        var path = Write("transaction", """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"tx-p1","name":[{"family":"Tremblay","given":["Marc"]}],"birthDate":"1950-02-03"}},
              {"fullUrl":"urn:uuid:e1","resource":{"resourceType":"Encounter","id":"tx-e1","status":"finished","class":{"code":"EMER"},"subject":{"reference":"urn:uuid:nobody"},"period":{"start":"2020-05-01T10:00:00Z"}}}
            ]}
            """);
        var before = await Counts();
        var summary = (await app.Get<ImportFhir.Handler>().Handle(new ImportFhir.Command(path, app.HealthLinkId))).Value!;
        Assert.Contains(summary.Rejected, r => r.Entry == 2 && r.Reason.Contains("urn:uuid:nobody", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Entry == 0 && r.Reason.Contains("all or nothing", StringComparison.Ordinal));
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task AnAdministrator_ImportsIntoTheirOwnHealthLinkOnly_AndAPatientOfAnotherIsRefused_NotMerged_AndTheImportIsAudited()
    {
        var card = PatientRecordTests.NewCard();
        Guid otherHealthLink;
        PatientId other;
        await using (var db = app.NewDb())
        {
            var elsewhere = new HealthLink((await db.Regions.FirstAsync()).Id, "Other Health Link " + card);
            var patient = new Patient(elsewhere.Id, PatientRecordTests.Details(card), HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System));
            db.AddRange(elsewhere, patient);
            await db.SaveChangesAsync();
            (otherHealthLink, other) = (elsewhere.Id, patient.Id);
        }

        var fresh = PatientRecordTests.NewCard();
        var path = Write("cross", $$$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"Patient","id":"x-{{{{card}}}}","identifier":[{"system":"https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn","value":"{{{{card}}}}"}],"name":[{"family":"Tremblay","given":["Marc"]}],"birthDate":"1950-02-03"}},
              {"resource":{"resourceType":"Condition","id":"x-cond-{{{{card}}}}","subject":{"reference":"Patient/x-{{{{card}}}}"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-ca","code":"F32.1","display":"Depression"}]}}},
              {"resource":{"resourceType":"Patient","id":"x-{{{{fresh}}}}","identifier":[{"system":"https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn","value":"{{{{fresh}}}}"}],"name":[{"family":"Gagnon","given":["Lise"]}],"birthDate":"1944-07-08"}}
            ]}
            """);
        var admin = await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        var import = app.Get<ImportFhir.Handler>();
        Assert.Equal(Rules.NotAllowed, (await import.Handle(new ImportFhir.Command(path, otherHealthLink, admin))).Violations[0].Code);

        var summary = (await import.Handle(new ImportFhir.Command(path, app.HealthLinkId, admin))).Value!;
        Assert.Contains(summary.Rejected, r => r.Entry == 1 && r.Reason.Contains("another Health Link", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Entry == 2);
        await using var check = app.NewDb();
        Assert.False(await check.Conditions.AnyAsync(c => c.PatientId == other));
        var imported = await check.Patients.SingleAsync(p => p.HealthCardNumber == fresh);
        Assert.Equal(app.HealthLinkId, imported.HealthLinkId);
        var audited = await check.AuditEvents.SingleAsync(e => e.PatientId == imported.Id);
        Assert.Equal((Domain.Privacy.AuditSource.Import, Domain.Privacy.AuditAction.Change, admin.UserName), (audited.Source, audited.Action, audited.UserName));
        Assert.False(await check.AuditEvents.AnyAsync(e => e.PatientId == other));
    }

    [Fact]
    public async Task ANdjsonFileOf40000Resources_ImportsOnBothDatabases_AndAgainChangesNothing()
    {
        // More resources than SQLite takes parameters in one statement (32,766): the lookups go in chunks. (Larger
        // files are for bench/, not for every test run.)
        var card = PatientRecordTests.NewCard();
        var path = Path.Combine(Path.GetTempPath(), $"hl-big-{Guid.NewGuid():N}.ndjson");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteLineAsync($$$"""{"resourceType":"Patient","id":"big-{{{card}}}","identifier":[{"system":"https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn","value":"{{{card}}}"}],"name":[{"family":"Gagnon","given":["Lise"]}],"birthDate":"1944-07-08"}""");
            for (var i = 1; i < 40_000; i++)
            {
                await writer.WriteLineAsync($$$"""{"resourceType":"Encounter","id":"big-{{{card}}}-{{{i}}}","status":"finished","class":{"code":"AMB"},"subject":{"reference":"Patient/big-{{{card}}}"},"period":{"start":"2020-01-01T10:00:00Z"}}""");
            }
        }

        try
        {
            var first = await app.Get<ImportFhir.Handler>().Handle(new ImportFhir.Command(path, app.HealthLinkId));
            Assert.True(first.Succeeded, string.Join("; ", first.Violations));
            Assert.Empty(first.Value!.Rejected);
            Assert.Equal(40_000, first.Value.ImportedTotal);
            var again = (await app.Get<ImportFhir.Handler>().Handle(new ImportFhir.Command(path, app.HealthLinkId))).Value!;
            Assert.Equal((0, 40_000), (again.ImportedTotal, again.Unchanged));
            await using var db = app.NewDb();
            var patient = await db.Patients.SingleAsync(p => p.HealthCardNumber == card);
            Assert.Equal(39_999, await db.Encounters.CountAsync(e => e.PatientId == patient.Id));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AnEncounterToldAgainWithItsDischarge_IsBroughtUpToDate_NotDuplicated()
    {
        var card = PatientRecordTests.NewCard();
        string Bundle(string period) => Write("stay", $$$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"Patient","id":"s-{{{{card}}}}","identifier":[{"system":"https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn","value":"{{{{card}}}}"}],"name":[{"family":"Gagnon","given":["Lise"]}],"birthDate":"1944-07-08"}},
              {"resource":{"resourceType":"Encounter","id":"s-stay-{{{{card}}}}","status":"in-progress","class":{"code":"IMP"},"subject":{"reference":"Patient/s-{{{{card}}}}"},"period":{{{{period}}}}}}
            ]}
            """);
        var import = app.Get<ImportFhir.Handler>();
        var admitted = (await import.Handle(new ImportFhir.Command(Bundle("""{"start":"2026-11-20T10:00:00Z"}"""), app.HealthLinkId))).Value!;
        Assert.Equal(1, admitted.Imported["Encounter"]);

        var discharged = (await import.Handle(new ImportFhir.Command(Bundle("""{"start":"2026-11-20T10:00:00Z","end":"2026-11-25T15:30:00Z"}"""), app.HealthLinkId))).Value!;
        Assert.Equal((1, 1), (discharged.Imported["Encounter"], discharged.Unchanged)); // the patient is unchanged

        var again = (await import.Handle(new ImportFhir.Command(Bundle("""{"start":"2026-11-20T10:00:00Z","end":"2026-11-25T15:30:00Z"}"""), app.HealthLinkId))).Value!;
        Assert.Equal((0, 2), (again.ImportedTotal, again.Unchanged));

        await using var db = app.NewDb();
        var patient = await db.Patients.SingleAsync(p => p.HealthCardNumber == card);
        var stay = await db.Encounters.SingleAsync(e => e.PatientId == patient.Id);
        Assert.Equal(new DateTime(2026, 11, 25, 15, 30, 0), stay.End);
        Assert.Equal(2, await db.PopulationChanges.CountAsync(c => c.PatientId == patient.Id));
    }

    [Fact]
    public async Task ACollectionBundle_RejectsABadEntry_AndImportsTheRest()
    {
        var card = PatientRecordTests.NewCard();
        var path = Write("collection", $$$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"Patient","id":"c-{{{{card}}}}","identifier":[{"system":"https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn","value":"{{{{card}}}}"}],"name":[{"family":"Gagnon","given":["Lise"]}],"birthDate":"1944-07-08"}},
              {"resource":{"resourceType":"Patient","id":"c-bad","birthDate":12}},
              {"resource":{"resourceType":"Condition","id":"c-cond","subject":{"reference":"Patient/c-{{{{card}}}}"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-ca","code":"I50.0","display":"Heart failure"}]}}},
              {"resource":{"resourceType":"Condition","id":"c-uncoded","subject":{"reference":"Patient/c-{{{{card}}}}"},"code":{"text":"bad knees"}}},
              {"resource":{"resourceType":"Observation","id":"c-obs","status":"final","code":{"text":"weight"}}}
            ]}
            """);
        var summary = (await app.Get<ImportFhir.Handler>().Handle(new ImportFhir.Command(path, app.HealthLinkId))).Value!;
        Assert.Equal([2, 4], summary.Rejected.Select(r => r.Entry));
        Assert.Contains("not a valid Patient", summary.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, summary.Ignored["Observation"]);
        await using var db = app.NewDb();
        var patient = await db.Patients.SingleAsync(p => p.HealthCardNumber == card);
        Assert.Equal("I50.0", (await db.Conditions.SingleAsync(c => c.PatientId == patient.Id)).Code);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("{\"resourceType\": \"Bundle\", \"entry\": [ {\"resource\": ", "not valid JSON")]
    [InlineData("name,birth date\nAnn,1950-01-01", "not valid JSON")]
    [InlineData("{\"hello\": \"world\"}", "not FHIR")]
    public async Task AFileThatIsNotFhir_IsRefusedWhole(string content, string message)
    {
        var before = await Counts();
        var summary = (await app.Get<ImportFhir.Handler>().Handle(new ImportFhir.Command(Write("bad", content), app.HealthLinkId))).Value!;
        var rejection = Assert.Single(summary.Rejected);
        Assert.Equal(0, rejection.Entry);
        Assert.Contains(message, rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Counts());
    }

    private static string Write(string name, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hl-{name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int, int, int, int, int, int)> Counts()
    {
        await using var db = app.NewDb();
        return (await db.Patients.CountAsync(), await db.Encounters.CountAsync(), await db.Conditions.CountAsync(), await db.CostRecords.CountAsync(),
            await db.MedicationOrders.CountAsync(), await db.Organizations.CountAsync());
    }

    /// <summary>What the raw files hold, counted with System.Text.Json alone, by this test's reading of FHIR.</summary>
    private sealed record RawCounts(Dictionary<string, RawPatient> Patients, int Encounters, int Conditions, int Claims, int Organizations)
    {
        private static readonly string[] PregnancyWords = ["pregnan", "prenatal", "obstetric", "childbirth", "delivery", "miscarriage"];

        public static RawCounts Of(string folder)
        {
            var patients = new Dictionary<string, RawPatient>();
            var organizations = new HashSet<string>();
            int encounters = 0, conditions = 0, claims = 0;
            var windowStart = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var windowEnd = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var file in Directory.GetFiles(folder, "*.json"))
            {
                using var bundle = JsonDocument.Parse(File.ReadAllBytes(file));
                var resources = bundle.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
                var p = resources.Single(r => Type(r) == "Patient");
                var born = DateOnly.Parse(p.GetProperty("birthDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                DateOnly? died = p.TryGetProperty("deceasedDateTime", out var d) ? DateOnly.FromDateTime(DateTimeOffset.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime) : null;
                int ed = 0, admissions = 0;
                foreach (var e in resources.Where(r => Type(r) == "Encounter"))
                {
                    encounters++;
                    var start = DateTimeOffset.Parse(e.GetProperty("period").GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    var reason = Text(e, "reasonCode") ?? Text(e, "type");
                    var infant = born.AddYears(1) > AsOf;
                    if (start < windowStart || start >= windowEnd || infant || PregnancyWords.Any(w => reason?.Contains(w, StringComparison.OrdinalIgnoreCase) == true))
                    {
                        continue;
                    }

                    var kind = e.GetProperty("class").GetProperty("code").GetString();
                    (ed, admissions) = kind == "EMER" ? (ed + 1, admissions) : kind == "IMP" ? (ed, admissions + 1) : (ed, admissions);
                }

                conditions += resources.Count(r => Type(r) == "Condition");
                claims += resources.Count(r => Type(r) == "Claim");
                organizations.UnionWith(resources.Where(r => Type(r) == "Organization").Select(r => r.GetProperty("id").GetString()!));
                var id = p.GetProperty("id").GetString()!;
                patients[id] = new RawPatient(id, born, died, ed, admissions);
            }

            return new RawCounts(patients, encounters, conditions, claims, organizations.Count);
        }

        private static string? Type(JsonElement r) => r.GetProperty("resourceType").GetString();

        // The first coding's display, or the text: what a person would read as the encounter's reason.
        private static string? Text(JsonElement e, string property)
        {
            if (!e.TryGetProperty(property, out var list) || list.GetArrayLength() == 0)
            {
                return null;
            }

            var concept = list[0];
            return property == "reasonCode" && concept.TryGetProperty("coding", out var coding) ? coding[0].GetProperty("display").GetString()
                : concept.TryGetProperty("text", out var text) ? text.GetString() : null;
        }
    }

    private sealed record RawPatient(string Id, DateOnly Born, DateOnly? Died, int EdVisits, int Admissions);

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}

public sealed class SqliteImportAndScreenTests(SqliteApp app) : ImportAndScreenTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresImportAndScreenTests(PostgresApp app) : ImportAndScreenTests(app), IClassFixture<PostgresApp>;
