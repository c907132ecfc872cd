using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Notifications;

/// <summary>The inbox and email to providers.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services
        .AddTransient<Inbox.Handler>()
        .AddTransient<Notifier>();
}
