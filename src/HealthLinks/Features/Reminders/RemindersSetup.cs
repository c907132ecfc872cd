using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Reminders;

/// <summary>Reminders and escalations.</summary>
public static class RemindersSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services) => services
        .AddTransient<ReminderJobs>()
        .AddSingleton<Infrastructure.Jobs.JobLeases>();
}
