using HealthLinks.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthLinks.Web;

/// <summary>Ready only when the database has every migration this build expects (a node newer than its database is not ready).</summary>
public sealed class MigrationsCheck(IDbContextFactory<HealthLinksDb> dbs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied: run 'healthlinks db migrate'");
    }
}
