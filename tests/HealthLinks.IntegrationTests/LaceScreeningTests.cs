using HealthLinks.Domain;
using HealthLinks.Features.Screening;

namespace HealthLinks.IntegrationTests;

/// <summary>Screening scores LACE for a patient discharged in the 30 days before the as-of date, with each component.</summary>
public abstract class LaceScreeningTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task ARecentEmergencyAdmission_GetsItsLaceComponents()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var asOf = new DateOnly(2026, 6, 1);
        var admitted = new DateTime(2026, 5, 10, 14, 0, 0, DateTimeKind.Utc);
        await using (var db = app.NewDb())
        {
            db.Encounters.AddRange(
                new Encounter(patient, EncounterKind.EmergencyVisit, admitted.AddHours(-6), admitted, null, null, "test"),
                new Encounter(patient, EncounterKind.InpatientStay, admitted, admitted.AddDays(8), null, null, "test"),
                new Encounter(patient, EncounterKind.EmergencyVisit, admitted.AddMonths(-2), admitted.AddMonths(-2).AddHours(3), null, null, "test"),
                new Encounter(patient, EncounterKind.EmergencyVisit, admitted.AddMonths(-4), admitted.AddMonths(-4).AddHours(3), null, null, "test"),
                new Encounter(patient, EncounterKind.EmergencyVisit, admitted.AddMonths(-9), admitted.AddMonths(-9).AddHours(3), null, null, "test"));
            db.Conditions.Add(new Condition(patient, CodeSystem.SnomedCt, "88805009", "Chronic congestive heart failure", new DateOnly(2020, 1, 1), ConditionStatus.Active, "test"));
            // Not on the screening list, but on LACE's: peripheral vascular disease (1), and a resolved one that must not count.
            db.Conditions.Add(new Condition(patient, CodeSystem.Icd10Ca, "I70.2", "Atherosclerosis of arteries of extremities", new DateOnly(2021, 1, 1), ConditionStatus.Active, "test"));
            db.Conditions.Add(new Condition(patient, CodeSystem.Icd10Ca, "B20", "HIV disease", new DateOnly(2019, 1, 1), ConditionStatus.Resolved, "test"));
            await db.SaveChangesAsync();
        }

        var screened = (await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(asOf, "test", app.HealthLinkId, Record: false))).Value!;
        var lace = screened.Patients.Single(p => p.PatientId == patient).Lace!;
        Assert.Equal((5, 3, 3, 2, 13), (lace.LengthOfStay, lace.Acuity, lace.Comorbidity, lace.EdVisits, lace.Total));

        var later = (await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(asOf.AddDays(40), "test", app.HealthLinkId, Record: false))).Value!;
        Assert.Null(later.Patients.Single(p => p.PatientId == patient).Lace); // no discharge in the 30 days before
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteLaceScreeningTests(SqliteApp app) : LaceScreeningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresLaceScreeningTests(PostgresApp app) : LaceScreeningTests(app);
