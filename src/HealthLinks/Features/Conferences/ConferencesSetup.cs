using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Conferences;

/// <summary>Care conferences: one use case per intent, and the invitations they send.</summary>
public static class ConferencesSetup
{
    public static IServiceCollection AddConferences(this IServiceCollection services) => services
        .AddTransient<ConferenceMail>()
        .AddTransient<ScheduleConference.Handler>()
        .AddTransient<ListConferences.Handler>()
        .AddTransient<GetConference.Handler>()
        .AddTransient<RecordConferenceOutcome.Handler>()
        .AddTransient<CancelConference.Handler>();
}
