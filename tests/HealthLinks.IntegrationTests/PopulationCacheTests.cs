using HealthLinks.Domain;
using HealthLinks.Features.Population;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Screening reads the population from memory; any change to what it reads must be seen by the next run, and nothing else reloads it.</summary>
public abstract class PopulationCacheTests(AppFixture app) : AppTests(app)
{
    private static readonly DateOnly AsOf = new(2026, 3, 1);

    [Fact]
    public async Task ANewEncounter_IsSeenByTheNextScreening()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var before = await EdVisits(patient);
        await using (var db = app.NewDb())
        {
            db.Encounters.Add(new Encounter(patient, EncounterKind.EmergencyVisit, new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc), null, null, null, "test"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(before + 1, await EdVisits(patient));
    }

    [Fact]
    public async Task APatientsDeath_RemovesThemFromTheNextScreening()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        Assert.NotNull(await Screened(patient));
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.SingleAsync(p => p.Id == patient);
            db.Entry(record).Property(p => p.DiedOn).CurrentValue = new DateOnly(2026, 1, 15);
            await db.SaveChangesAsync();
        }

        Assert.Null(await Screened(patient));
    }

    [Fact]
    public async Task AChangeScreeningDoesNotRead_KeepsTheSameCopy()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        await using var db = app.NewDb();
        var cache = app.Get<PopulationCache>();
        var first = await cache.Get(db, default);
        var record = await db.Patients.SingleAsync(p => p.Id == patient);
        db.Entry(record).Property(p => p.Phone).CurrentValue = "416-555-0199";
        await db.SaveChangesAsync();
        Assert.Same(first, await cache.Get(db, default));
    }

    [Fact]
    public async Task AfterRandomSingleChanges_ThePatchedCopy_IsTheSameAsAFullReload()
    {
        var patients = new List<PatientId>();
        for (var i = 0; i < 4; i++)
        {
            patients.Add((await app.PatientWithTeam()).Patient);
        }

        ProviderId provider;
        await using (var db = app.NewDb())
        {
            provider = await db.Providers.Select(p => p.Id).FirstAsync();
        }

        var cache = app.Get<PopulationCache>();
        await using (var db = app.NewDb())
        {
            await cache.Get(db, default);
        }

        var random = new Random(20261130);
        string[] reasons = ["Fall", "Chest pain", "Overdose", "Pneumonia"];
        (CodeSystem, string, string)[] codes = [(CodeSystem.Icd10Ca, "I50.0", "Heart failure"), (CodeSystem.Icd10Ca, "F32.1", "Depression"), (CodeSystem.SnomedCt, "44054006", "Diabetes"), (CodeSystem.Icd10Ca, "Z59.0", "Homelessness"), (CodeSystem.Icd10Ca, "S52.5", "Fracture")];
        var start = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var step = 0; step < 30; step++)
        {
            var patient = patients[random.Next(patients.Count)];
            await using (var db = app.NewDb())
            {
                switch (random.Next(6))
                {
                    case 0:
                        var at = start.AddMinutes(random.Next(400_000));
                        db.Encounters.Add(new Encounter(patient, (EncounterKind)random.Next(4), at, random.Next(2) == 0 ? null : at.AddHours(random.Next(1, 200)), null, random.Next(2) == 0 ? null : provider, "test", reasons[random.Next(reasons.Length)]));
                        break;
                    case 1:
                        var (system, code, display) = codes[random.Next(codes.Length)];
                        db.Conditions.Add(new Condition(patient, system, code, display, new DateOnly(2020, 1, 1).AddDays(random.Next(1_000)), random.Next(4) == 0 ? ConditionStatus.Resolved : ConditionStatus.Active, "test"));
                        break;
                    case 2:
                        db.CostRecords.Add(new CostRecord(patient, random.Next(3) == 0 ? CostKind.ExplanationOfBenefit : CostKind.Claim, start.AddDays(random.Next(300)), random.Next(10, 5_000), "CAD", "test"));
                        break;
                    case 3:
                        var record = await db.Patients.SingleAsync(p => p.Id == patient);
                        db.Entry(record).Property(p => p.DateOfBirth).CurrentValue = new DateOnly(1930, 1, 1).AddDays(random.Next(20_000));
                        break;
                    case 4:
                        patients.Add((await app.PatientWithTeam()).Patient);
                        break;
                    default:
                        if (await db.Encounters.Where(e => patients.Contains(e.PatientId)).OrderBy(e => e.Id).FirstOrDefaultAsync() is { } gone)
                        {
                            db.Encounters.Remove(gone);
                        }

                        break;
                }

                await db.SaveChangesAsync();
            }

            await using var read = app.NewDb();
            var patched = await cache.Get(read, default);
            var fresh = await PopulationSnapshot.Load(read, null, default);
            Assert.Equal(fresh.Count, patched.Count);
            for (var p = 0; p < fresh.Count; p++)
            {
                Assert.Equal(fresh.Describe(p), patched.Describe(patched.IndexOf(fresh.Patients[p])!.Value));
            }
        }

        await using (var db = app.NewDb())
        {
            Assert.True((await cache.Get(db, default)).Patched > 0, "the copy was patched, not loaded whole");
        }
    }

    [Fact]
    public async Task EachChange_IsPatchedAlone_NotWithTheChangesBeforeIt()
    {
        var patients = new List<PatientId>();
        for (var i = 0; i < 3; i++)
        {
            patients.Add((await app.PatientWithTeam()).Patient);
        }

        var cache = app.Get<PopulationCache>();
        await using (var db = app.NewDb())
        {
            await cache.Get(db, default);
        }

        foreach (var patient in patients.Concat(patients))
        {
            await using var db = app.NewDb();
            db.Encounters.Add(new Encounter(patient, EncounterKind.EmergencyVisit, new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc), null, null, null, "test"));
            await db.SaveChangesAsync();
            var patched = await cache.Get(db, default);
            Assert.Equal(1, cache.LastPatchSize);
            var fresh = await PopulationSnapshot.Load(db, null, default);
            Assert.Equal(fresh.Describe(fresh.IndexOf(patient)!.Value), patched.Describe(patched.IndexOf(patient)!.Value));
        }
    }

    private async Task<ScreenPopulation.Screened?> Screened(PatientId patient) =>
        (await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(AsOf, "test", app.HealthLinkId, Record: false))).Value!.Patients.SingleOrDefault(p => p.PatientId == patient);

    private async Task<int> EdVisits(PatientId patient) => (await Screened(patient))!.EdVisits12m;
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePopulationCacheTests(SqliteApp app) : PopulationCacheTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPopulationCacheTests(PostgresApp app) : PopulationCacheTests(app);
