using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Conferences;

/// <summary>Care conferences.</summary>
public static class ConferencesSetup
{
    public static IServiceCollection AddConferences(this IServiceCollection services) => services
        .AddTransient<Conferences.Handler>();
}
