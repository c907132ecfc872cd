using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Screening;

/// <summary>Finding the patients who would benefit.</summary>
public static class ScreeningSetup
{
    public static IServiceCollection AddScreening(this IServiceCollection services) => services
        .AddTransient<ScreenPopulation.Handler>()
        .AddTransient<Worklist.Handler>()
        .AddTransient<DecideCandidate.Handler>()
        .AddTransient<ScreeningRules.Handler>();
}
