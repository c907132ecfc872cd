using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Work;

/// <summary>My work: actions, overdue items and notices.</summary>
public static class WorkSetup
{
    public static IServiceCollection AddWork(this IServiceCollection services) => services
        .AddTransient<MyWork.Handler>()
        .AddTransient<UpdateAction.Handler>();
}
