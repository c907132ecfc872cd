using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Population;

/// <summary>The screened population, kept in memory and patched one patient at a time.</summary>
public static class PopulationSetup
{
    public static IServiceCollection AddPopulation(this IServiceCollection services) => services
        .AddSingleton<PopulationCache>();
}
