using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Referrals;

/// <summary>Referrals into the Health Link and to services.</summary>
public static class ReferralsSetup
{
    public static IServiceCollection AddReferrals(this IServiceCollection services) => services
        .AddTransient<Referrals.Handler>();
}
