using HealthLinks.Domain;
using HealthLinks.Features.Referrals;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Referrals by clinical judgment and self-referrals: each points to the patient's one open episode.</summary>
public abstract class ReferralTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task TwoProviderReferrals_PointToOneEpisode()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var referrals = app.Get<Referrals.Handler>();
        var first = await referrals.Refer(patient, "Three admissions this winter; family overwhelmed", ReferralUrgency.Soon, "dr.abbott");
        var second = await referrals.Refer(patient, "Falls at home", ReferralUrgency.Routine, "nurse");
        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(first.Value, second.Value);

        await using var db = app.NewDb();
        var episode = await db.Enrollments.SingleAsync(e => e.PatientId == patient);
        Assert.Equal((first.Value, IdentificationSource.Referral), (episode.Id, episode.Source));
        Assert.Equal(2, await db.Referrals.CountAsync(r => r.PatientId == patient && r.EnrollmentId == episode.Id));
    }

    [Fact]
    public async Task AReferralWithoutAReason_IsRefused_AndOpensNothing()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var refused = await app.Get<Referrals.Handler>().Refer(patient, " ", ReferralUrgency.Urgent, "dr.abbott");
        Assert.Equal(("Reason", Rules.Required), (refused.Violations[0].Field, refused.Violations[0].Code));
        await using var db = app.NewDb();
        Assert.False(await db.Enrollments.AnyAsync(e => e.PatientId == patient));
        Assert.False(await db.Referrals.AnyAsync(r => r.PatientId == patient));
    }

    [Fact]
    public async Task ABadSelfReferral_IsRefusedAtEachField()
    {
        var form = new Referrals.SelfReferral { DateOfBirth = DateOnly.FromDateTime(DateTime.Now).AddDays(3), ContactEmail = "not-an-email", Reason = "" };
        var refused = await app.Get<Referrals.Handler>().Submit(form);
        var fields = refused.Violations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "GivenName", "FamilyName", "DateOfBirth", "ContactEmail", "Reason", "ReferredBy" }, fields);
    }

    [Fact]
    public async Task ASelfReferral_Accepted_CreatesThePatient_AndASecondOneFindsThem()
    {
        var family = "Ouellet" + Guid.NewGuid().ToString("N")[..6];
        var referrals = app.Get<Referrals.Handler>();
        var form = new Referrals.SelfReferral
        {
            Source = ReferralSource.Caregiver,
            GivenName = "Rita",
            FamilyName = family,
            DateOfBirth = new DateOnly(1938, 4, 2),
            ContactPhone = "613-555-0142",
            ReferredBy = "Paul, her son",
            Reason = "She lives alone and has been to the ED four times",
        };
        var first = await referrals.Submit(form);
        var second = await referrals.Submit(form);
        var patient = await referrals.Accept(first.Value, app.HealthLinkId, "coordinator");
        Assert.True(patient.Succeeded, string.Join("; ", patient.Violations));
        Assert.Equal(patient.Value, (await referrals.Accept(second.Value, app.HealthLinkId, "coordinator")).Value);
        Assert.Equal(Rules.AlreadyReviewed, (await referrals.Accept(first.Value, app.HealthLinkId, "coordinator")).Violations[0].Code);

        await using var db = app.NewDb();
        Assert.Equal(1, await db.Patients.CountAsync(p => p.FamilyName == family));
        Assert.Equal(IdentificationSource.SelfReferral, (await db.Enrollments.SingleAsync(e => e.PatientId == patient.Value)).Source);
    }

    [Fact]
    public async Task DecliningNeedsAReason()
    {
        var referrals = app.Get<Referrals.Handler>();
        var id = (await referrals.Submit(new Referrals.SelfReferral { GivenName = "A", FamilyName = "B", DateOfBirth = new DateOnly(1950, 1, 1), ContactPhone = "613-555-0100", ReferredBy = "A B", Reason = "help" })).Value;
        Assert.Equal(Rules.Required, (await referrals.Decline(id, "", "coordinator")).Violations[0].Code);
        Assert.True((await referrals.Decline(id, "Outside our region", "coordinator")).Succeeded);
        Assert.Equal(Rules.AlreadyReviewed, (await referrals.Accept(id, app.HealthLinkId, "coordinator")).Violations[0].Code);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReferralTests(SqliteApp app) : ReferralTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReferralTests(PostgresApp app) : ReferralTests(app);
