using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Import;

/// <summary>Bringing in other systems' records.</summary>
public static class ImportSetup
{
    public static IServiceCollection AddImport(this IServiceCollection services) => services
        .AddTransient<ImportFhir.Handler>();
}
