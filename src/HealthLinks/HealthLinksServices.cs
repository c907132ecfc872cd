using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Features.Administration;
using HealthLinks.Features.Caregivers;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Patients;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks;

public static class HealthLinksServices
{
    /// <summary>Everything both hosts need: the database, the clock, localization and every use case.</summary>
    public static IServiceCollection AddHealthLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthLinksData(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLocalization();
        services.AddLogging();

        services.AddTransient<SavePatient.Handler>();
        services.AddTransient<SearchPatients.Handler>();
        services.AddTransient<GetPatientOverview.Handler>();
        services.AddTransient<GetMyCaseload.Handler>();
        services.AddTransient<SaveHealthLink.Handler>();
        services.AddTransient<SaveOrganization.Handler>();
        services.AddTransient<SaveProvider.Handler>();
        services.AddTransient<DirectoryListings>();
        services.AddTransient<SeedDemoPopulation.Handler>();
        services.AddTransient<GetCarePlan.Handler>();
        services.AddTransient<SaveCarePlan.Handler>();
        services.AddTransient<CompareVersions.Handler>();
        services.AddTransient<MarkPlanReviewed.Handler>();
        services.AddTransient<BuildPlanSheet.Handler>();
        services.AddTransient<ExportPlan.Handler>();
        services.AddTransient<ReviewMedications.Handler>();
        services.AddTransient<HealthLinks.Features.Import.ImportFhir.Handler>();
        services.AddSingleton<HealthLinks.Features.Population.PopulationCache>();
        services.AddTransient<HealthLinks.Features.Screening.ScreenPopulation.Handler>();
        services.AddTransient<HealthLinks.Features.Risk.TrainRiskModel.Handler>();
        services.AddTransient<HealthLinks.Features.Screening.Worklist.Handler>();
        services.AddTransient<HealthLinks.Features.Screening.DecideCandidate.Handler>();
        services.AddTransient<HealthLinks.Features.Screening.ScreeningRules.Handler>();
        services.AddTransient<HealthLinks.Features.Referrals.Referrals.Handler>();
        services.AddTransient<HealthLinks.Features.Enrollment.Invitations.Handler>();
        services.AddTransient<HealthLinks.Features.Enrollment.InvitationLetter.Handler>();
        services.AddTransient<HealthLinks.Features.Enrollment.ProviderInformationSheets.Handler>();
        services.AddTransient<HealthLinks.Infrastructure.Email.EmailSender>();
        services.AddTransient<HealthLinks.Features.Notifications.Inbox.Handler>();
        services.AddTransient<CaregiverAccessList.Handler>();
        services.AddTransient<GrantCaregiverAccess.Handler>();
        services.AddTransient<RevokeCaregiverAccess.Handler>();
        services.AddTransient<SharedPlans.Handler>();
        services.AddSingleton<HealthLinks.Infrastructure.Privacy.AuditSeal>();
        services.AddSingleton<HealthLinks.Infrastructure.Privacy.AuditTrail>();
        services.AddTransient<HealthLinks.Infrastructure.Privacy.AuditChecks>();
        services.AddTransient<HealthLinks.Features.Privacy.PatientAccess>();
        services.AddScoped<HealthLinks.Features.Privacy.PatientGate>();
        services.AddTransient<HealthLinks.Features.Privacy.BreakGlass.Handler>();
        services.AddTransient<HealthLinks.Features.Privacy.ConsentDirectives.Handler>();
        services.AddTransient<HealthLinks.Features.Privacy.AuditSearch.Handler>();
        services.AddTransient<HealthLinks.Features.Contacts.ContactLog.Handler>();
        services.AddTransient<HealthLinks.Features.Notifications.Notifier>();
        services.AddTransient<HealthLinks.Features.Work.MyWork.Handler>();
        services.AddTransient<HealthLinks.Features.Conferences.Conferences.Handler>();
        services.AddTransient<HealthLinks.Features.Coordination.LeadHandOffs.Handler>();
        services.AddTransient<HealthLinks.Features.Coordination.Episode.Handler>();
        services.AddTransient<HealthLinks.Features.Reminders.ReminderJobs>();
        return services;
    }
}
