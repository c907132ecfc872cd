using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Administration;

/// <summary>The directory: Health Links, organizations and providers.</summary>
public static class AdministrationSetup
{
    public static IServiceCollection AddAdministration(this IServiceCollection services) => services
        .AddTransient<SaveHealthLink.Handler>()
        .AddTransient<SaveOrganization.Handler>()
        .AddTransient<SaveProvider.Handler>()
        .AddTransient<DirectoryListings>();
}
