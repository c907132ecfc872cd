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

    [Fact]
    public void EveryPublicUseCase_ThatNamesAPatient_TakesTheViewer()
    {
        var methods = UseCases().ToList();
        // Internal methods are for composition inside a use case that has been through the door; they are not looked at.
        var trusting = methods.Where(m => NamesAPatient(m) && !TakesTheViewer(m)).Select(Name).ToList();
        Assert.Empty(trusting);

        var handlers = methods.GroupBy(m => m.DeclaringType).ToList();
        var patientHandlers = handlers.Where(h => h.Any(NamesAPatient)).ToList();
        output.WriteLine($"{handlers.Count} handlers; {patientHandlers.Count} name a patient; {patientHandlers.Count(h => h.Where(NamesAPatient).All(TakesTheViewer))} of those take the viewer in every use case");
    }

    [Fact]
    public void NoPublicUseCase_TakesWhoIsActingAsAString()
    {
        // "string by" trusts the caller to say who acts and says nothing of their roles or Health Link; the viewer does.
        var trusting = UseCases().Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(string) && p.Name is "by" or "user" or "userName")).Select(Name).ToList();
        Assert.Empty(trusting);
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
