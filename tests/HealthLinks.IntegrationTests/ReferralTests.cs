using HealthLinks.Domain;
using HealthLinks.Features.Referrals;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Referrals by clinical judgment and self-referrals: each points to the patient's one open episode.</summary>
public abstract class ReferralTests(AppFixture app) : AppTests(app)
{
    [Fact]
    public async Task TwoProviderReferrals_PointToOneEpisode()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var first = await app.Get<ReferPatient.Handler>().Refer(patient, "Three admissions this winter; family overwhelmed", ReferralUrgency.Soon, "dr.abbott");
        var second = await app.Get<ReferPatient.Handler>().Refer(patient, "Falls at home", ReferralUrgency.Routine, "nurse");
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
        var refused = await app.Get<ReferPatient.Handler>().Refer(patient, " ", ReferralUrgency.Urgent, "dr.abbott");
        Assert.Equal(("Reason", Rules.Required), (refused.Violations[0].Field, refused.Violations[0].Code));
        await using var db = app.NewDb();
        Assert.False(await db.Enrollments.AnyAsync(e => e.PatientId == patient));
        Assert.False(await db.Referrals.AnyAsync(r => r.PatientId == patient));
    }

    [Fact]
    public async Task ABadSelfReferral_IsRefusedAtEachField()
    {
        var form = new Referrals.SelfReferral { DateOfBirth = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System).AddDays(3), ContactEmail = "not-an-email", Reason = "" };
        var refused = await app.Get<SubmitSelfReferral.Handler>().Handle(form, Address());
        var fields = refused.Violations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "GivenName", "FamilyName", "DateOfBirth", "ContactEmail", "Reason", "ReferredBy" }, fields);
    }

    [Fact]
    public async Task ASelfReferral_Accepted_CreatesThePatient_AndASecondOneFindsThem()
    {
        var family = "Ouellet" + Guid.NewGuid().ToString("N")[..6];
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
        var coordinator = await Coordinator();
        var first = await app.Get<SubmitSelfReferral.Handler>().Handle(form, Address());
        var second = await app.Get<SubmitSelfReferral.Handler>().Handle(form, Address());
        var patient = await app.Get<AcceptReferral.Handler>().Handle(coordinator, first.Value, app.HealthLinkId);
        Assert.True(patient.Succeeded, string.Join("; ", patient.Violations));
        Assert.Equal(patient.Value, (await app.Get<AcceptReferral.Handler>().Handle(coordinator, second.Value, app.HealthLinkId)).Value);
        Assert.Equal(Rules.AlreadyReviewed, (await app.Get<AcceptReferral.Handler>().Handle(coordinator, first.Value, app.HealthLinkId)).Violations[0].Code);

        await using var db = app.NewDb();
        Assert.Equal(1, await db.Patients.CountAsync(p => p.FamilyName == family));
        Assert.Equal(IdentificationSource.SelfReferral, (await db.Enrollments.SingleAsync(e => e.PatientId == patient.Value)).Source);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient.Value && e.What == "Referral accepted" && e.UserName == coordinator.UserName));
    }

    [Fact]
    public async Task AReferral_IsAcceptedIntoTheViewersOwnHealthLinkOnly_AndOnlyByItsStaff()
    {
        var id = (await app.Get<SubmitSelfReferral.Handler>().Handle(new Referrals.SelfReferral { GivenName = "Ana", FamilyName = "Dias", DateOfBirth = new DateOnly(1945, 3, 3), ContactPhone = "613-555-0109", ReferredBy = "Ana", Reason = "help at home" }, Address())).Value;
        Guid elsewhere;
        await using (var db = app.NewDb())
        {
            var other = new HealthLink((await db.Regions.FirstAsync()).Id, "Elsewhere " + Guid.NewGuid().ToString("N")[..6]);
            db.Add(other);
            await db.SaveChangesAsync();
            elsewhere = other.Id;
        }

        var coordinator = await Coordinator();
        Assert.Equal(Rules.NotAllowed, (await app.Get<AcceptReferral.Handler>().Handle(coordinator, id, elsewhere)).Violations[0].Code);
        var analyst = await app.ViewerOf(await app.NewUser(Roles.RegionAnalyst, healthLink: app.HealthLinkId));
        Assert.Equal(Rules.NotFound, (await app.Get<AcceptReferral.Handler>().Handle(analyst, id, app.HealthLinkId)).Violations[0].Code);
        Assert.Equal(Rules.NotFound, (await app.Get<DeclineReferral.Handler>().Handle(analyst, id, "no")).Violations[0].Code);

        await using var check = app.NewDb();
        Assert.Equal(ReferralStatus.New, (await check.Referrals.SingleAsync(r => r.Id == id)).Status);
    }

    private async Task<Viewer> Coordinator() => await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));

    [Fact]
    public async Task DecliningNeedsAReason()
    {
        var coordinator = await Coordinator();
        var id = (await app.Get<SubmitSelfReferral.Handler>().Handle(new Referrals.SelfReferral { GivenName = "A", FamilyName = "B", DateOfBirth = new DateOnly(1950, 1, 1), ContactPhone = "613-555-0100", ReferredBy = "A B", Reason = "help" }, Address())).Value;
        Assert.Equal(Rules.Required, (await app.Get<DeclineReferral.Handler>().Handle(coordinator, id, "")).Violations[0].Code);
        Assert.True((await app.Get<DeclineReferral.Handler>().Handle(coordinator, id, "Outside our region")).Succeeded);
        Assert.Equal(Rules.AlreadyReviewed, (await app.Get<AcceptReferral.Handler>().Handle(coordinator, id, app.HealthLinkId)).Violations[0].Code);
    }

    /// <summary>A network address of its own for each submission: the per-address limit is tested on its own.</summary>
    private static string Address() => $"test-{Guid.NewGuid():N}";
}
