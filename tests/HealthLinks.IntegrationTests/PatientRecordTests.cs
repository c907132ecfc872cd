using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Patients;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Creating and finding patients through the same handlers the pages call, against a real database.</summary>
public abstract class PatientRecordTests(AppFixture app) : AppTests(app)
{
    /// <summary>A coordinator of the test Health Link: searches see its patients.</summary>
    private Infrastructure.Privacy.Viewer Staff => new("staff", "staff@example.org", [Infrastructure.Auth.Roles.CareCoordinator], null, null, app.HealthLinkId, Domain.Privacy.AuditSource.Web);

    private static int _next = 100_000_000;

    [Fact]
    public async Task ThePlannedDatabase_IsTheOneInUse()
    {
        await using var db = app.NewDb();
        Assert.Equal(app.Provider == DatabaseProvider.Sqlite ? typeof(SqliteHealthLinksDb) : typeof(PostgresHealthLinksDb), db.GetType());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task CreatePatient_ThroughTheHandler_IsFoundByNameCardAndBirthDate()
    {
        var card = NewCard();
        var family = "Gauthier-" + card[..6];
        var result = await Save(Details(card) with { FamilyName = family, GivenName = "Hélène" });
        Assert.True(result.Succeeded, string.Join("; ", result.Violations));
        var search = app.Get<SearchPatients.Handler>();

        var byName = await search.Handle(new SearchPatients.Query(Staff, Name: $"helene {family.ToUpperInvariant()}"));
        var row = Assert.Single(byName.Rows);
        Assert.Equal(result.Value, row.Id);
        Assert.Equal(1, byName.Total);

        Assert.Equal(result.Value, Assert.Single((await search.Handle(new SearchPatients.Query(Staff, HealthCardNumber: $"{card[..4]}-{card[4..7]}-{card[7..]}"))).Rows).Id);
        Assert.Contains((await search.Handle(new SearchPatients.Query(Staff, DateOfBirth: new DateOnly(1951, 7, 2), Take: 100))).Rows, r => r.Id == result.Value);
    }

    [Fact]
    public async Task Search_SortsAndPages()
    {
        var prefix = "Zorro" + NewCard()[..5];
        foreach (var given in new[] { "Carl", "Anne", "Bruno" })
        {
            Assert.True((await Save(Details(NewCard()) with { FamilyName = prefix, GivenName = given, DateOfBirth = new DateOnly(1960, given.Length, 1) })).Succeeded);
        }

        var search = app.Get<SearchPatients.Handler>();
        var ascending = await search.Handle(new SearchPatients.Query(Staff, Name: prefix));
        Assert.Equal(["Anne", "Bruno", "Carl"], ascending.Rows.Select(r => r.GivenName));
        var byBirthDescending = await search.Handle(new SearchPatients.Query(Staff, Name: prefix, Sort: SearchPatients.SortBy.DateOfBirth, Descending: true));
        Assert.Equal(["Bruno", "Carl", "Anne"], byBirthDescending.Rows.Select(r => r.GivenName));
        var secondPage = await search.Handle(new SearchPatients.Query(Staff, Name: prefix, Skip: 2, Take: 2));
        Assert.Equal(3, secondPage.Total);
        Assert.Equal("Carl", Assert.Single(secondPage.Rows).GivenName);
    }

    [Theory]
    [InlineData("9876543210", "HealthCardNumber", Rules.HealthCardCheckDigit)]
    [InlineData("98765", "HealthCardNumber", Rules.HealthCardLength)]
    [InlineData("98765432AB", "HealthCardNumber", Rules.HealthCardDigits)]
    public async Task AnInvalidHealthCardNumber_IsRefusedNamingTheField_AndNothingIsStored(string card, string field, string code)
    {
        var family = "Invalid" + NewCard();
        var result = await Save(Details(card) with { FamilyName = family });
        Assert.False(result.Succeeded);
        var violation = Assert.Single(result.Violations);
        Assert.Equal((field, code), (violation.Field, violation.Code));
        await AssertNoPatientNamed(family);
    }

    [Fact]
    public async Task ABirthDateInTheFuture_IsRefusedNamingTheField_AndNothingIsStored()
    {
        var family = "Future" + NewCard();
        var tomorrow = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System).AddDays(2);
        var result = await Save(Details(NewCard()) with { FamilyName = family, DateOfBirth = tomorrow });
        Assert.Equal(("DateOfBirth", Rules.BirthDateInFuture), (result.Violations[0].Field, result.Violations[0].Code));
        Assert.Contains("future", result.Violations[0].Message, StringComparison.Ordinal);
        await AssertNoPatientNamed(family);
    }

    [Fact]
    public async Task ADuplicateHealthCardNumber_IsRefused_AndTheFirstPatientIsKept()
    {
        var card = NewCard();
        var first = await Save(Details(card) with { FamilyName = "First" + card });
        Assert.True(first.Succeeded);
        var second = await Save(Details(card) with { FamilyName = "Second" + card });
        Assert.Equal(("HealthCardNumber", Rules.HealthCardDuplicate), (second.Violations[0].Field, second.Violations[0].Code));
        await AssertNoPatientNamed("Second" + card);
        await using var db = app.NewDb();
        Assert.Equal("First" + card, (await db.Patients.SingleAsync(p => p.HealthCardNumber == card)).FamilyName);
    }

    [Fact]
    public async Task AFailedUpdate_KeepsWhatWasStored()
    {
        var card = NewCard();
        var created = await Save(Details(card) with { FamilyName = "Kept" + card });
        var command = new SavePatient.Command { Id = created.Value, Details = Details(card) with { FamilyName = "Changed" + card, Email = "broken@" } };
        var result = await app.Get<SavePatient.Handler>().Save(command);
        Assert.Equal("Email", Assert.Single(result.Violations).Field);
        await using var db = app.NewDb();
        Assert.Equal("Kept" + card, (await db.Patients.SingleAsync(p => p.Id == created.Value)).FamilyName);
    }

    [Fact]
    public async Task TheDatabase_AlsoRefusesASecondOpenEpisode()
    {
        var created = await Save(Details(NewCard()));
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

        // Two people identify the same patient at once: each loaded the patient with no open episode.
        await using var first = app.NewDb();
        await using var second = app.NewDb();
        var a = await first.Patients.Include(p => p.Enrollments).SingleAsync(p => p.Id == created.Value);
        var b = await second.Patients.Include(p => p.Enrollments).SingleAsync(p => p.Id == created.Value);
        a.Identify(app.HealthLinkId, IdentificationSource.Screening, "a", at, null);
        b.Identify(app.HealthLinkId, IdentificationSource.Referral, "b", at, null);
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        await using var check = app.NewDb();
        Assert.Equal(1, await check.Enrollments.CountAsync(e => e.PatientId == created.Value));
    }

    [Fact]
    public async Task TheOverview_ShowsTheLeadFirst_AndTheEpisodeHistoryInOrder()
    {
        var created = await Save(Details(NewCard()));
        ProviderId leadId;
        await using (var db = app.NewDb())
        {
            var organization = new Organization((await db.Regions.FirstAsync()).Id, "Overview Test Home Care", OrganizationKind.HomeAndCommunityCare);
            var lead = new Provider(organization.Id, "Lucie", "Lavoie", Profession.CareCoordinator);
            var doctor = new Provider(organization.Id, "Aaron", "Abbott", Profession.FamilyPhysician);
            db.AddRange(organization, lead, doctor);
            leadId = lead.Id;
            var patient = await db.Patients.Include(p => p.Enrollments).Include(p => p.CareTeam).SingleAsync(p => p.Id == created.Value);
            var at = new DateTime(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);
            var episode = patient.Identify(app.HealthLinkId, IdentificationSource.Referral, "doctor", at, "referred");
            episode.MoveTo(EnrollmentStatus.Invited, "lucie", at.AddDays(1), "call");
            episode.MoveTo(EnrollmentStatus.Enrolled, "lucie", at.AddDays(2), "consent");
            patient.AddProviderToTeam(doctor.Id, "Family physician", new DateOnly(2026, 10, 3));
            patient.AddProviderToTeam(lead.Id, "Lead care coordinator", new DateOnly(2026, 10, 3), isLead: true);
            await db.SaveChangesAsync();
        }

        var leadViewer = await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.CareCoordinator, provider: leadId));
        var overview = (await app.Get<GetPatientOverview.Handler>().Handle(leadViewer, created.Value)).Value;
        Assert.NotNull(overview);
        Assert.Equal(("Lucie Lavoie", true, "Overview Test Home Care"), (overview.CareTeam[0].Name, overview.CareTeam[0].IsLead, overview.CareTeam[0].Organization));
        Assert.Equal([EnrollmentStatus.Identified, EnrollmentStatus.Invited, EnrollmentStatus.Enrolled], overview.Episodes[0].History.Select(h => h.To));
        Assert.Equal(DateTimeKind.Utc, overview.Episodes[0].History[0].At.Kind);

        var caseload = await app.Get<GetMyCaseload.Handler>().Handle(leadId);
        Assert.Equal((created.Value, EnrollmentStatus.Enrolled), (Assert.Single(caseload).Id, caseload[0].Status));
    }

    private Task<Features.Result<PatientId>> Save(PatientDetails details) =>
        app.Get<SavePatient.Handler>().Save(new SavePatient.Command { HealthLinkId = app.HealthLinkId, Details = details });

    private async Task AssertNoPatientNamed(string family)
    {
        await using var db = app.NewDb();
        Assert.False(await db.Patients.AnyAsync(p => p.FamilyName == family));
    }

    internal static PatientDetails Details(string card) => new()
    {
        GivenName = "Marc",
        FamilyName = "Tremblay",
        DateOfBirth = new DateOnly(1951, 7, 2),
        HealthCardNumber = card,
        HealthCardVersion = "KT",
        City = "Cornwall",
        PostalCode = "K6H 1A1",
        Phone = "613-555-0142",
    };

    internal static string NewCard()
    {
        var nine = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return nine + HealthCardNumber.CheckDigit(nine);
    }

    [Fact]
    public async Task TheSharedApp_IsEmptiedBeforeEachTest_ButKeepsItsHealthLinkAccountsAndAudit()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var email = await app.TeamAccount(patient);
        await app.Get<Features.Patients.GetPatientOverview.Handler>().Handle(await app.ViewerOf(email), patient);
        await app.Reset();

        await using var db = app.NewDb();
        Assert.False(await db.Patients.AnyAsync());
        Assert.False(await db.Providers.AnyAsync());
        Assert.True(await db.HealthLinks.AnyAsync(h => h.Id == app.HealthLinkId));
        Assert.True(await db.Users.AnyAsync(u => u.Email == email));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient));
        Assert.Empty((await app.Get<Infrastructure.Privacy.AuditChecks>().Verify())!.Problems);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePatientRecordTests(SqliteApp app) : PatientRecordTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPatientRecordTests(PostgresApp app) : PatientRecordTests(app);
