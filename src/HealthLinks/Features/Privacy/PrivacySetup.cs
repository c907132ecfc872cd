using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Privacy;

/// <summary>The door to a patient's record, consent directives, break-glass and the audit.</summary>
public static class PrivacySetup
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services) => services
        .AddTransient<PatientAccess>()
        .AddScoped<PatientGate>()
        .AddTransient<BreakGlass.Handler>()
        .AddTransient<ConsentDirectives.Handler>()
        .AddTransient<AuditSearch.Handler>();
}
