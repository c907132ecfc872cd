using HealthLinks.Tests.Localization;

namespace HealthLinks.Tests.Domain;

/// <summary>Where things live (ADR 0003 and docs/adr/0009): checked on the source, so a move back fails here.</summary>
public sealed class LayoutTests
{
    private static readonly string App = Path.Combine(ResourceTests.SourceRoot(), "src", "HealthLinks");

    [Fact]
    public void Firely_IsUsedOnlyInFhir()
    {
        var outside = Sources(App).Where(f => !f.StartsWith(Path.Combine(App, "Fhir"), StringComparison.Ordinal) && File.ReadAllText(f).Contains("Hl7.Fhir", StringComparison.Ordinal));
        Assert.Empty(outside);
    }

    [Fact]
    public void ThePopulation_KnowsNeitherScreeningNorRisk_AndRiskDoesNotKnowScreening()
    {
        Assert.Empty(Mentioning(Path.Combine(App, "Features", "Population"), "Features.Screening", "Features.Risk"));
        Assert.Empty(Mentioning(Path.Combine(App, "Features", "Risk"), "Features.Screening"));
    }

    [Fact]
    public void DemoData_IsNotAFeature_AndTheWebHostMapsNoFeatureEndpoint()
    {
        Assert.False(Directory.Exists(Path.Combine(App, "Features", "Demo")));
        var web = File.ReadAllText(Path.Combine(ResourceTests.SourceRoot(), "src", "HealthLinks.Web", "WebSetup.cs"));
        Assert.DoesNotContain("/patients/", web, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static List<string> Mentioning(string folder, params string[] names) =>
        [.. Sources(folder).Where(f => names.Any(n => File.ReadAllText(f).Contains(n, StringComparison.Ordinal))).Select(f => Path.GetFileName(f))];
}
