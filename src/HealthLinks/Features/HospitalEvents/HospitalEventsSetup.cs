using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>Hospitals' admission, discharge and transfer messages (HL7 v2 over MLLP).</summary>
public static class HospitalEventsSetup
{
    public static IServiceCollection AddHospitalEvents(this IServiceCollection services) => services
        .AddSingleton<ReceiveHospitalMessage>()
        .AddSingleton<FollowUpSignal>()
        .AddSingleton<MessageIntake>()
        .AddHostedService(sp => sp.GetRequiredService<MessageIntake>())
        .AddSingleton<InterfaceConnections>()
        .AddSingleton<MllpListener>()
        .AddTransient<FollowUpHospitalMessages>()
        .AddTransient<Screening.ScreenPatient>()
        .AddHostedService<FollowUpWorker>()
        .AddHostedService<MllpHost>()
        .AddTransient<InterfaceStatus.Handler>()
        .AddTransient<MessageLog.Handler>()
        .AddTransient<OpenHospitalMessage.Handler>()
        .AddTransient<SaveMessageSender.Handler>();
}
