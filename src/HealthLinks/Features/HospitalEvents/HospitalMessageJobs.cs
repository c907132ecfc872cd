using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>Runs the follow-up of applied messages as soon as the intake rings, and every few seconds for what a restart left.</summary>
internal sealed class FollowUpWorker(IServiceScopeFactory scopes, FollowUpSignal signal, ILogger<FollowUpWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var followUp = scope.ServiceProvider.GetRequiredService<FollowUpHospitalMessages>();
                while (await followUp.Run(200, stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError("The follow-up of hospital messages failed ({Failure}); it is tried again shortly", e.GetType().Name);
            }

            await signal.Wait(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }
}

/// <summary>Listens for hospitals' messages in the web host when Adt:Port is set (the command line has `adt listen`).</summary>
public sealed class MllpHost(MllpListener listener, IConfiguration configuration) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        configuration.GetValue<int?>("Adt:Port") is { } port ? listener.Run(MllpListener.Options.From(configuration, port), stoppingToken) : Task.CompletedTask;
}

/// <summary>The listener on its own, for `healthlinks adt listen`: the intake, the follow-up and the socket, until stopped.</summary>
public static class StandaloneListener
{
    public static async Task Run(IServiceProvider services, MllpListener.Options options, CancellationToken ct)
    {
        IHostedService[] workers = [services.GetRequiredService<MessageIntake>(), services.GetServices<IHostedService>().OfType<FollowUpWorker>().Single()];
        foreach (var worker in workers)
        {
            await worker.StartAsync(ct);
        }

        try
        {
            await services.GetRequiredService<MllpListener>().Run(options, ct);
        }
        finally
        {
            foreach (var worker in workers.Reverse())
            {
                await worker.StopAsync(CancellationToken.None);
            }
        }
    }
}
