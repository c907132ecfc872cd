using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Contacts;

/// <summary>Contacts with the patient.</summary>
public static class ContactsSetup
{
    public static IServiceCollection AddContacts(this IServiceCollection services) => services
        .AddTransient<ContactLog.Handler>();
}
