using HealthLinks.Infrastructure.Jobs;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.Reminders;

/// <summary>
/// Runs every reminder job on a timer (Reminders:IntervalMinutes, 60 by default). With several nodes on one
/// database, only the node holding the "reminders" lease runs them; the jobs are idempotent besides, so a restart
/// sends nothing twice.
/// </summary>
public sealed class ReminderService(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<ReminderService> log) : BackgroundService
{
    public const string Lease = "reminders";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Reminders:IntervalMinutes", 60));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RunRound(services, interval, log, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The reminder round failed; it runs again next time");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every job and the experience surveys due, if this node holds the lease (kept a little short of the interval, so the holder renews it on time). False when another node holds it.</summary>
    public static async Task<bool> RunRound(IServiceProvider services, TimeSpan interval, ILogger log, CancellationToken ct)
    {
        if (!await services.GetRequiredService<JobLeases>().TryTake(Lease, interval * 0.9, ct))
        {
            log.LogInformation("Another node runs the reminders this round");
            return false;
        }

        foreach (var job in ReminderJobs.All)
        {
            try
            {
                var sent = await services.GetRequiredService<ReminderJobs>().Run(job, ct);
                log.LogInformation("Reminder job {Job} sent {Count} reminders", job, sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reminder job {Job} failed; it runs again next time", job);
            }
        }

        try
        {
            var surveys = await services.GetRequiredService<Surveys.ScheduleSurveys.Handler>().Run(ct);
            log.LogInformation("Sent {Count} experience surveys", surveys);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Sending the experience surveys failed; it runs again next time");
        }

        return true;
    }
}
