using HealthLinks.Domain;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Screening reads the population from memory; any change to what it reads must be seen by the next run, and nothing else reloads it.</summary>
public abstract class PopulationCacheTests(AppFixture app)
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

    private async Task<ScreenPopulation.Screened?> Screened(PatientId patient) =>
        (await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(AsOf, "test", app.HealthLinkId, Record: false))).Value!.Patients.SingleOrDefault(p => p.PatientId == patient);

    private async Task<int> EdVisits(PatientId patient) => (await Screened(patient))!.EdVisits12m;
}

public sealed class SqlitePopulationCacheTests(SqliteApp app) : PopulationCacheTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPopulationCacheTests(PostgresApp app) : PopulationCacheTests(app), IClassFixture<PostgresApp>;
