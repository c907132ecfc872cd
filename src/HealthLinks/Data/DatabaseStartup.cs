using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Data;

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations and makes sure every role exists (accounts are given roles by name).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            await PlanActionIndex.BuildOnce(db, ct);
        }

        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Development only: a demo population on an empty database, and one account per role.</summary>
    public static async Task PrepareDemoAsync(IServiceProvider services, int patients, ILogger logger, CancellationToken ct = default)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
        {
            if (!await db.HealthLinks.AnyAsync(ct))
            {
                logger.LogInformation("Empty database: seeding a demo population of {Patients} patients", patients);
                var result = await SeedDemoAsync(services, patients, SeedDemoPopulation.DefaultSeed, null, ct);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Violations.Select(v => v.Message)));
                }
            }
        }

        await EnsureDemoPeopleAsync(services, ct);
    }

    /// <summary>The demo population, then a worklist to work from: the cost-risk model trained on its history, and a screening as of today.</summary>
    public static async Task<Features.Result<SeedDemoPopulation.Summary>> SeedDemoAsync(IServiceProvider services, int patients, int seed, IProgress<int>? progress, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SeedDemoPopulation.Handler>().Handle(new SeedDemoPopulation.Command(patients, seed), progress, ct);
        if (result.Succeeded)
        {
            var today = Infrastructure.Localization.Ontario.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await scope.ServiceProvider.GetRequiredService<Features.Risk.TrainRiskModel.Handler>().Handle(new Features.Risk.TrainRiskModel.Command(today, "seed"), ct);
            await scope.ServiceProvider.GetRequiredService<Features.Screening.ScreenPopulation.Handler>().Handle(new Features.Screening.ScreenPopulation.Command(today, "seed"), ct);
        }

        return result;
    }

    /// <summary>The demo's accounts (one per role), its consent directive and break-glass, its coordination history and the history the reports read.</summary>
    public static async Task EnsureDemoPeopleAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await DemoAccounts.EnsureAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(),
            scope.ServiceProvider.GetRequiredService<HealthLinksDb>());
        await DemoPrivacy.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>(),
            scope.ServiceProvider.GetRequiredService<Infrastructure.Privacy.AuditTrail>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            ct);
        await DemoCoordination.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            ct);
        await DemoHistory.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            ct);
        await DemoRegionalServices.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>(),
            scope.ServiceProvider.GetRequiredService<Features.Regional.ImportServices.Handler>(),
            scope.ServiceProvider.GetRequiredService<Features.Regional.ServiceCategories.Handler>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            ct);
    }
}
