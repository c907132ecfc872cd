using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Risk;

/// <summary>The cost-risk model.</summary>
public static class RiskSetup
{
    public static IServiceCollection AddRisk(this IServiceCollection services) => services
        .AddTransient<TrainRiskModel.Handler>();
}
