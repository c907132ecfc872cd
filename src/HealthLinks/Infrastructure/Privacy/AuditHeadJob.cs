using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Infrastructure.Privacy;

/// <summary>Records the audit chain's head every hour, outside the database, so cutting the newest events off shows at the next verify.</summary>
public sealed class AuditHeadJob(AuditChecks checks, TimeProvider clock, ILogger<AuditHeadJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await checks.RecordHead(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                log.LogError(e, "The audit head could not be recorded; it is tried again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
