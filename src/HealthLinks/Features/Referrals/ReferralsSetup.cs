using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Referrals;

/// <summary>Referrals into the Health Link: one use case per intent.</summary>
public static class ReferralsSetup
{
    public static IServiceCollection AddReferrals(this IServiceCollection services) => services
        .AddTransient<ReferPatient.Handler>()
        .AddTransient<SubmitSelfReferral.Handler>()
        .AddTransient<ListReferrals.Handler>()
        .AddTransient<AcceptReferral.Handler>()
        .AddTransient<DeclineReferral.Handler>();
}
