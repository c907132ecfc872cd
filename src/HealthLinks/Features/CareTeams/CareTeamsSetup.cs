using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.CareTeams;

/// <summary>Building the care team.</summary>
public static class CareTeamsSetup
{
    public static IServiceCollection AddCareTeams(this IServiceCollection services) => services
        .AddTransient<GetCareTeam.Handler>()
        .AddTransient<FindProviders.Handler>()
        .AddTransient<AddTeamMember.Handler>()
        .AddTransient<EndTeamMembership.Handler>();
}
