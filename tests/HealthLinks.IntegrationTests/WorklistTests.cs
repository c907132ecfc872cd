using HealthLinks.Domain;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Taking on or dismissing a screening candidate.</summary>
public abstract class WorklistTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task TakingOnACandidate_OpensOneEpisode_AndNeverASecond()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var coordinator = await Coordinator();
        var decide = app.Get<DecideCandidate.Handler>();
        Assert.True((await decide.Handle(await Staff(), new DecideCandidate.Assign(patient, coordinator, "c"))).Succeeded);
        Assert.True((await decide.Handle(await Staff(), new DecideCandidate.Assign(patient, coordinator, "c"))).Succeeded);

        await using var db = app.NewDb();
        var episode = Assert.Single(await db.Enrollments.Where(e => e.PatientId == patient).ToListAsync());
        Assert.Equal((EnrollmentStatus.Identified, IdentificationSource.Screening), (episode.Status, episode.Source));
        Assert.Equal(coordinator, (await db.WorklistEntries.SingleAsync(w => w.PatientId == patient)).AssignedTo);
    }

    [Fact]
    public async Task Dismissing_NeedsAReason_AndNothingIsStoredWithout()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var decide = app.Get<DecideCandidate.Handler>();
        var refused = await decide.Handle(await Staff(), new DecideCandidate.Dismiss(patient, "  ", "c"));
        Assert.Equal(("DismissedReason", Rules.Required), (refused.Violations[0].Field, refused.Violations[0].Code));
        await using (var db = app.NewDb())
        {
            Assert.False(await db.WorklistEntries.AnyAsync(w => w.PatientId == patient));
        }

        Assert.True((await decide.Handle(await Staff(), new DecideCandidate.Dismiss(patient, "Already followed by the hospital's complex care team", "c"))).Succeeded);
        await using var check = app.NewDb();
        Assert.Equal("Already followed by the hospital's complex care team", (await check.WorklistEntries.SingleAsync(w => w.PatientId == patient)).DismissedReason);
    }

    [Fact]
    public async Task OnlyACareCoordinator_CanTakeOnACandidate()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        await using var db = app.NewDb();
        var nurse = await db.Providers.FirstAsync(p => p.Profession == Profession.RegisteredNurse);
        var refused = await app.Get<DecideCandidate.Handler>().Handle(await Staff(), new DecideCandidate.Assign(patient, nurse.Id, "c"));
        Assert.Equal("Coordinator", Assert.Single(refused.Violations).Field);
        Assert.False(await db.Enrollments.AnyAsync(e => e.PatientId == patient));
    }

    [Fact]
    public async Task TheWorklist_WithholdsMentalHealthEvidence_AndWholeRecords_AsTheDirectivesSay_AndAuditsTheList()
    {
        var card = PatientRecordTests.NewCard();
        var patient = (await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = app.HealthLinkId, Details = PatientRecordTests.Details(card) })).Value;
        var now = DateTime.UtcNow;
        await using (var db = app.NewDb())
        {
            for (var i = 1; i <= 6; i++)
            {
                db.Encounters.Add(new Encounter(patient, EncounterKind.EmergencyVisit, now.AddDays(-20 * i), now.AddDays(-20 * i).AddHours(4), null, null, "test", "Overdose"));
            }

            db.Conditions.Add(new Condition(patient, CodeSystem.Icd10Ca, "F32.1", "Major depressive disorder", new DateOnly(2020, 1, 1), ConditionStatus.Active, "test"));
            db.Conditions.Add(new Condition(patient, CodeSystem.Icd10Ca, "I50.0", "Heart failure", new DateOnly(2020, 1, 1), ConditionStatus.Active, "test"));
            await db.SaveChangesAsync();
        }

        Assert.True((await app.Get<ScreenPopulation.Handler>().Handle(new ScreenPopulation.Command(DateOnly.FromDateTime(now), "test", app.HealthLinkId))).Succeeded);
        var coordinator = await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.CareCoordinator, healthLink: app.HealthLinkId));
        var worklist = app.Get<Worklist.Handler>();
        var row = (await worklist.Handle(coordinator)).Rows.Single(r => r.PatientId == patient);
        Assert.Contains(row.Evidence, e => e.Code == "F32.1");
        Assert.Contains(row.Evidence, e => e.What.Contains("Overdose", StringComparison.Ordinal));
        await using (var db = app.NewDb())
        {
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.What == "Worklist"));
        }

        await Directive(patient, Domain.Privacy.WithheldParts.MentalHealthAndAddictions);
        row = (await worklist.Handle(coordinator)).Rows.Single(r => r.PatientId == patient);
        Assert.DoesNotContain(row.Evidence, e => e.Code == "F32.1" || e.What.Contains("Overdose", StringComparison.Ordinal));
        Assert.Contains(row.Evidence, e => e.Code == "I50.0");

        await Directive(patient, Domain.Privacy.WithheldParts.WholeRecord);
        Assert.DoesNotContain((await worklist.Handle(coordinator)).Rows, r => r.PatientId == patient);
    }

    private async Task Directive(PatientId patient, Domain.Privacy.WithheldParts parts)
    {
        await using var db = app.NewDb();
        db.ConsentDirectives.Add(new Domain.Privacy.ConsentDirective(patient, parts, Domain.Privacy.DirectiveAudience.EveryoneOutsideTeam, null, null, AgreementGivenBy.Patient, "The patient", "test", DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>A coordinator of the Health Link, who works its worklist.</summary>
    private async Task<Infrastructure.Privacy.Viewer> Staff() => await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.CareCoordinator, healthLink: app.HealthLinkId));

    private async Task<ProviderId> Coordinator()
    {
        await using var db = app.NewDb();
        return await db.Providers.Where(p => p.Profession == Profession.CareCoordinator).Select(p => p.Id).FirstAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWorklistTests(SqliteApp app) : WorklistTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWorklistTests(PostgresApp app) : WorklistTests(app);
