using HealthLinks.Data;
using HealthLinks.Features.Population;
using HealthLinks.Infrastructure.Jobs;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// Runs the follow-up of applied messages as soon as the intake rings, and every few seconds for what a restart left;
/// under a lease, so with a listener in the web host and another on the command line one of them follows up, in order.
/// The population is loaded first, so the first message's re-screening does not wait for it.
/// </summary>
internal sealed class FollowUpWorker(IServiceScopeFactory scopes, FollowUpSignal signal, JobLeases leases, ILogger<FollowUpWorker> log) : BackgroundService
{
    public const string Lease = "hospital-messages";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            using var scope = scopes.CreateScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(stoppingToken);
            await scope.ServiceProvider.GetRequiredService<PopulationCache>().Get(db, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogWarning("The population could not be loaded ahead of hospital messages ({Failure})", e.GetType().Name);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await leases.TryTake(Lease, TimeSpan.FromSeconds(30), stoppingToken))
                {
                    await signal.Wait(TimeSpan.FromSeconds(5), stoppingToken);
                    continue;
                }

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

/// <summary>
/// Listens for hospitals' messages in the web host when Adt:Port is set (the command line has `adt listen`). A port
/// that cannot be bound is logged and the rest of the product runs on; the interfaces page shows it is not listening.
/// </summary>
public sealed class MllpHost(MllpListener listener, IConfiguration configuration, ILogger<MllpHost> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.GetValue<int?>("Adt:Port") is not { } port)
        {
            return;
        }

        try
        {
            await listener.Run(MllpListener.Options.From(configuration, port), stoppingToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            log.LogError("Not listening for hospital messages: port {Port} cannot be used ({Reason})", port, e.SocketErrorCode);
        }
    }
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
