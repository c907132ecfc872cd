using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Features.Accounts;
using HealthLinks.Features.Administration;
using HealthLinks.Features.Caregivers;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.CareTeams;
using HealthLinks.Features.Conferences;
using HealthLinks.Features.Contacts;
using HealthLinks.Features.Coordination;
using HealthLinks.Features.Enrollment;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.Import;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Patients;
using HealthLinks.Features.Population;
using HealthLinks.Features.Privacy;
using HealthLinks.Features.Referrals;
using HealthLinks.Features.Regional;
using HealthLinks.Features.Reminders;
using HealthLinks.Features.Reports;
using HealthLinks.Features.Risk;
using HealthLinks.Features.Screening;
using HealthLinks.Features.Surveys;
using HealthLinks.Features.Work;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks;

public static class HealthLinksServices
{
    /// <summary>Everything both hosts need: the database, the clock, localization, the audit and each feature's use cases.</summary>
    public static IServiceCollection AddHealthLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthLinksData(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLocalization();
        services.AddLogging();

        services.AddSingleton<HealthLinks.Infrastructure.Auth.Sessions>();
        services.AddSingleton<HealthLinks.Infrastructure.Abuse.Throttles>();
        HealthLinks.Infrastructure.Auth.IdentitySetup.AddHealthLinksIdentity(services);
        services.AddAccounts();
        services.AddSingleton<HealthLinks.Infrastructure.Privacy.AuditSeal>();
        services.AddSingleton<HealthLinks.Infrastructure.Privacy.AuditTrail>();
        services.AddTransient<HealthLinks.Infrastructure.Privacy.AuditChecks>();
        services.AddTransient<HealthLinks.Infrastructure.Email.EmailSender>();
        services.AddTransient<SeedDemoPopulation.Handler>();

        services.AddPatients();
        services.AddAdministration();
        services.AddCarePlans();
        services.AddCareTeams();
        services.AddImport();
        services.AddPopulation();
        services.AddScreening();
        services.AddRisk();
        services.AddReferrals();
        services.AddEnrollment();
        services.AddNotifications();
        services.AddCaregivers();
        services.AddPrivacy();
        services.AddContacts();
        services.AddWork();
        services.AddConferences();
        services.AddCoordination();
        services.AddReminders();
        services.AddReports();
        services.AddRegionalPlanning();
        services.AddSurveys();
        services.AddHospitalEvents();
        return services;
    }
}
