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

}
