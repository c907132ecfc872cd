using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.Reminders;

/// <summary>Runs every reminder job on a timer (Reminders:IntervalMinutes, 60 by default); the jobs are idempotent, so a restart or a second server sends nothing twice.</summary>
public sealed class ReminderService(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<ReminderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(configuration.GetValue("Reminders:IntervalMinutes", 60)), clock);
        do
        {
            foreach (var job in ReminderJobs.All)
            {
                try
                {
                    var sent = await services.GetRequiredService<ReminderJobs>().Run(job, stoppingToken);
                    log.LogInformation("Reminder job {Job} sent {Count} reminders", job, sent);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Reminder job {Job} failed; it runs again next time", job);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
