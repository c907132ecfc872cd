using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Data;

public static class DatabaseStartup
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await PlanActionIndex.BuildOnce(db, ct);
    }

    /// <summary>Development only: a demo population on an empty database, and one account per role.</summary>
    public static async Task PrepareDemoAsync(IServiceProvider services, int patients, ILogger logger, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
        if (!await db.HealthLinks.AnyAsync(ct))
        {
            logger.LogInformation("Empty database: seeding a demo population of {Patients} patients", patients);
            var result = await scope.ServiceProvider.GetRequiredService<SeedDemoPopulation.Handler>().Handle(new SeedDemoPopulation.Command(patients), null, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Violations.Select(v => v.Message)));
            }

            // A worklist to work from: the cost-risk model trained on the demo history, and a screening as of today.
            var today = Infrastructure.Localization.Ontario.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
            var model = await scope.ServiceProvider.GetRequiredService<Features.Risk.TrainRiskModel.Handler>().Handle(new Features.Risk.TrainRiskModel.Command(today, "seed"), ct);
            logger.LogInformation("Demo cost-risk model trained: held-out AUC {Auc:F3}", model.Value?.Auc);
            await scope.ServiceProvider.GetRequiredService<Features.Screening.ScreenPopulation.Handler>().Handle(new Features.Screening.ScreenPopulation.Command(today, "seed"), ct);
        }

        await DemoAccounts.EnsureAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(),
            db);
        await DemoPrivacy.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>(),
            scope.ServiceProvider.GetRequiredService<Infrastructure.Privacy.AuditTrail>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            ct);
        await DemoCoordination.SeedAsync(
            scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            ct);
    }
}
