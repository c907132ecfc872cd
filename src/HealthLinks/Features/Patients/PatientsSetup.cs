using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Patients;

/// <summary>Finding, registering and reading patients.</summary>
public static class PatientsSetup
{
    public static IServiceCollection AddPatients(this IServiceCollection services) => services
        .AddTransient<SavePatient.Handler>()
        .AddTransient<SearchPatients.Handler>()
        .AddTransient<GetPatientOverview.Handler>()
        .AddTransient<GetMyCaseload.Handler>();
}
