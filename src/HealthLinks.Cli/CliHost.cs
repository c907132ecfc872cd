using HealthLinks.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Cli;

/// <summary>The same services as the web host, configured from appsettings.json and environment variables (Database__Provider, ConnectionStrings__HealthLinks).</summary>
internal static class CliHost
{
    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHealthLinks(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The account a command acts as, audited with the command line as its source.</summary>
    public static async Task<Infrastructure.Privacy.Viewer?> Viewer(IServiceProvider services, string email, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
        return await Infrastructure.Privacy.Viewer.ForEmail(db, email, Domain.Privacy.AuditSource.Cli, ct);
    }

    /// <summary>The Health Link named on the command line; an unknown name gives an id no Health Link has, which the handlers refuse.</summary>
    public static async Task<Guid?> HealthLinkId(IServiceProvider services, string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
        return (await db.HealthLinks.FirstOrDefaultAsync(h => h.Name == name, ct))?.Id ?? Guid.Empty;
    }
}
