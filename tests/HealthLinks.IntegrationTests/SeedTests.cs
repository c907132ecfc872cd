using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.IntegrationTests;

public class SeedTests
{
    [Fact]
    public Task Sqlite_DemoPopulation_IsWrittenWhole() => SeedAndCheck(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"hl-seed-{Guid.NewGuid():N}.db")};Pooling=false");

    [Fact]
    public Task Postgres_DemoPopulation_IsWrittenWhole() =>
        SeedAndCheck(DatabaseProvider.Postgres, Environment.GetEnvironmentVariable("HEALTHLINKS_TEST_POSTGRES") + $";Database=hl_seed_{Guid.NewGuid():N}");

    private static async Task SeedAndCheck(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:HealthLinks"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddHealthLinks(configuration).BuildServiceProvider();
        await DatabaseStartup.MigrateAsync(services);
        try
        {
            var progress = new List<int>();
            var handler = services.GetRequiredService<SeedDemoPopulation.Handler>();
            var result = await handler.Handle(new SeedDemoPopulation.Command(2500, 11), new SyncProgress(progress));
            Assert.True(result.Succeeded);
            Assert.Equal([2000, 2500], progress);

            await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync();
            Assert.Equal(2500, await db.Patients.CountAsync());
            Assert.Equal(result.Value!.Encounters, await db.Encounters.CountAsync());
            Assert.Equal(result.Value.Episodes, await db.Enrollments.CountAsync());
            Assert.True(await db.CareTeamMembers.AnyAsync(m => m.IsLead));
            Assert.True(await db.Patients.AnyAsync(p => p.Language == PreferredLanguage.French));

            // The demo caregiver account reads the demo patient's plan.
            var demoPatient = await db.Patients.SingleAsync(p => p.Email == DemoPatients.PatientEmail);
            var shared = await services.GetRequiredService<Features.Caregivers.SharedPlans.Handler>().For(DemoPatients.CaregiverEmail);
            Assert.Equal(demoPatient.Id, Assert.Single(shared).PatientId);
            Assert.True(await db.CarePlans.AnyAsync(p => p.PatientId == demoPatient.Id));

            var again = await handler.Handle(new SeedDemoPopulation.Command(10, 11));
            Assert.False(again.Succeeded);
            Assert.Equal(2500, await db.Patients.CountAsync());
        }
        finally
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync();
            await db.Database.EnsureDeletedAsync();
        }
    }

    private sealed class SyncProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }
}
