using System.Reflection;

using HealthLinks.Domain;
using HealthLinks.Infrastructure.Privacy;

using Xunit.Abstractions;

namespace HealthLinks.Tests.Features;

/// <summary>
/// The handler is the one door to a patient's information (docs/adr/0009): every public use case that names a patient
/// takes the viewer, so it decides access, audits and withholds itself, and a new way in cannot forget to.
/// </summary>
public sealed class HandlerDoorTests(ITestOutputHelper output)
{
    /// <summary>
    /// Use cases that still take their caller's word: each is reached only after its page or command asked PatientAccess
    /// (or is a write made by the system: a seed, a referral form). Take one off when it takes the viewer; the test fails
    /// when one is converted and left here, and when a new one appears.
    /// </summary>
    private static readonly HashSet<string> NotYetThroughTheDoor =
    [
        "CarePlans.SaveCarePlan.Handle",
        "CarePlans.MarkPlanReviewed.Handle",
        "CarePlans.ReviewMedications.Handle",
        "Caregivers.GrantCaregiverAccess.Handle",
        "Caregivers.RevokeCaregiverAccess.Handle",
        "Caregivers.SharedPlans.CanRead",
        "Enrollment.ProviderInformationSheets.Send",
        "Patients.SavePatient.Handle",
        "Referrals.Referrals.Refer",
        "Screening.DecideCandidate.Handle",
    ];

    [Fact]
    public void EveryPublicUseCase_ThatNamesAPatient_TakesTheViewer()
    {
        var methods = UseCases().ToList();
        var trusting = methods.Where(m => NamesAPatient(m) && !TakesTheViewer(m)).Select(Name).ToHashSet();
        Assert.Empty(trusting.Except(NotYetThroughTheDoor)); // a new use case that forgot the viewer
        Assert.Empty(NotYetThroughTheDoor.Except(trusting)); // converted: take it off the list

        var handlers = methods.GroupBy(m => m.DeclaringType).ToList();
        var patientHandlers = handlers.Where(h => h.Any(NamesAPatient)).ToList();
        output.WriteLine($"{handlers.Count} handlers; {patientHandlers.Count} name a patient; {patientHandlers.Count(h => h.Where(NamesAPatient).All(TakesTheViewer))} of those take the viewer in every use case");
    }

    /// <summary>The public methods of every handler: nested Handler classes in Features.</summary>
    private static IEnumerable<MethodInfo> UseCases() =>
        typeof(Viewer).Assembly.GetTypes()
            .Where(t => t.IsPublic || t.IsNestedPublic)
            .Where(t => t.Name == "Handler" && t.Namespace?.StartsWith("HealthLinks.Features", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly));

    private static bool NamesAPatient(MethodInfo m) => m.GetParameters().Any(p => IsPatient(p.ParameterType) || p.ParameterType.GetProperties().Any(x => IsPatient(x.PropertyType)));

    private static bool TakesTheViewer(MethodInfo m) => m.GetParameters().Any(p => p.ParameterType == typeof(Viewer) || p.ParameterType.GetProperties().Any(x => x.PropertyType == typeof(Viewer)));

    // A provider's id reaches their patients (My work, the caseload) just as a patient's id reaches one.
    private static bool IsPatient(Type t) => t == typeof(PatientId) || t == typeof(PatientId?) || t == typeof(ProviderId);

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.DeclaringType!.FullName!["HealthLinks.Features.".Length..]}.{m.Name}";
}
