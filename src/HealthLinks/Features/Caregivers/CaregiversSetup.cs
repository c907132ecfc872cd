using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Caregivers;

/// <summary>Sharing the plan with caregivers.</summary>
public static class CaregiversSetup
{
    public static IServiceCollection AddCaregivers(this IServiceCollection services) => services
        .AddTransient<CaregiverAccessList.Handler>()
        .AddTransient<GrantCaregiverAccess.Handler>()
        .AddTransient<RevokeCaregiverAccess.Handler>()
        .AddTransient<SharedPlans.Handler>();
}
