using HealthLinks.Demo;
using HealthLinks.Domain;

namespace HealthLinks.Tests.Demo;

public class DemoPopulationTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static List<DemoPatients.Made> Make(int seed, int count)
    {
        var names = new DemoNames(seed);
        var maker = new DemoPatients(names, DemoDirectory.Create(names), Now);
        return Enumerable.Range(0, count).Select(_ => maker.Next()).ToList();
    }

    [Fact]
    public void TheSameSeed_MakesTheSamePeople()
    {
        var a = Make(42, 300);
        var b = Make(42, 300);
        Assert.Equal(a.Select(Fingerprint), b.Select(Fingerprint));
        Assert.NotEqual(a.Select(Fingerprint), Make(43, 300).Select(Fingerprint));
    }

    [Fact]
    public void ThePopulation_IsMostlySimple_WithAFewPercentComplex()
    {
        var made = Make(7, 6000);
        var complex = made.Count(m => m.Conditions.Count >= 4);
        var share = complex / 6000.0;
        Assert.InRange(share, 0.01, 0.08);
        Assert.True(made.Count(m => m.Conditions.Count <= 1) > 6000 * 0.7);
        Assert.Contains(made, m => m.Encounters.Count(e => e.Kind == EncounterKind.EmergencyVisit) >= 4);
        Assert.Contains(made, m => m.Patient.Language == PreferredLanguage.French);
        Assert.Contains(made, m => m.Patient.OpenEnrollment?.Status == EnrollmentStatus.Active && m.Patient.LeadOn(DateOnly.FromDateTime(Now)) is not null);
        Assert.All(made, m => Assert.True(HealthCardNumber.IsValid(m.Patient.HealthCardNumber!)));
        Assert.Equal(made.Count, made.Select(m => m.Patient.HealthCardNumber).Distinct().Count());

        var plans = made.Where(m => m.Plan is not null).ToList();
        Assert.Contains(plans, m => m.Plan!.CompletedAt is not null);
        Assert.Contains(plans, m => m.Plan!.CompletedAt is null && m.Plan.Document.Goals.Count > 0);
        Assert.Contains(plans, m => m.Plan!.Versions.Count == 2);
        Assert.Contains(plans, m => m.Patient.Language == PreferredLanguage.French && m.Plan!.Document.Goals.Any(g => g.InMyWords.StartsWith("Je ", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryDemoPlan_CanBeSavedAgain_AsThePageWouldSaveIt()
    {
        var today = DateOnly.FromDateTime(Now);
        foreach (var made in Make(7, 6000).Where(m => m.Plan is not null))
        {
            var team = made.Patient.CareTeam.Where(m => m.IsActiveOn(today)).Select(m => m.Id).ToHashSet();
            var e = Record.Exception(() => CarePlanRules.Check(made.Plan!.Document, DateOnly.FromDateTime(made.Plan.CreatedAt), today, team));
            Assert.Null(e);
        }
    }

    [Fact]
    public void TheDirectory_HasAboutThirtyOrganizationsAndAHundredProviders()
    {
        var directory = DemoDirectory.Create(new DemoNames(1));
        Assert.InRange(directory.Organizations.Count, 25, 35);
        Assert.InRange(directory.Providers.Count, 80, 120);
        Assert.Single(directory.Providers, p => p.Email == DemoDirectory.CoordinatorEmail && p.Profession == Profession.CareCoordinator);
        Assert.Single(directory.Providers, p => p.Email == DemoDirectory.PhysicianEmail && p.Profession == Profession.FamilyPhysician);
    }

    private static string Fingerprint(DemoPatients.Made m) =>
        $"{m.Patient.GivenName}|{m.Patient.FamilyName}|{m.Patient.DateOfBirth}|{m.Patient.HealthCardNumber}|{m.Conditions.Count}|{m.Encounters.Count}";
}
