using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Coordination;

/// <summary>Lead hand-offs and the episode's ongoing management.</summary>
public static class CoordinationSetup
{
    public static IServiceCollection AddCoordination(this IServiceCollection services) => services
        .AddTransient<LeadHandOffs.Handler>()
        .AddTransient<ProposeHandOff.Handler>()
        .AddTransient<AcceptHandOff.Handler>()
        .AddTransient<DeclineHandOff.Handler>()
        .AddTransient<WithdrawHandOff.Handler>()
        .AddTransient<TakeOverLeadActions.Handler>()
        .AddTransient<Episode.Handler>();
}
