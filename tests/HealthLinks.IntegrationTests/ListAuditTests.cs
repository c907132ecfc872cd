using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Patients;
using HealthLinks.Features.Referrals;
using HealthLinks.Features.Work;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Lists name patients: each list view is audited, and a list shows only its viewer's Health Link.</summary>
public abstract class ListAuditTests(AppFixture app) : AppTests(app)
{
    private async Task<int> Audited(PatientId patient, string what, AuditOutcome outcome = AuditOutcome.Allowed)
    {
        await using var db = app.NewDb();
        return await db.AuditEvents.CountAsync(e => e.PatientId == patient && e.What == what && e.Outcome == outcome);
    }

    [Fact]
    public async Task Referrals_AreTheViewersHealthLinks_AndUnroutedPublicOnes_AndListingThemIsAudited_OncePerVisit()
    {
        var (ours, _, _) = await app.PatientWithTeam();
        Assert.True((await app.Get<ReferPatient.Handler>().Refer(ours, "Three admissions this year", ReferralUrgency.Routine, "dr.abbott")).Succeeded);
        PatientId theirs;
        await using (var db = app.NewDb())
        {
            var elsewhere = new HealthLink((await db.Regions.FirstAsync()).Id, "Elsewhere " + Guid.NewGuid().ToString("N")[..6]);
            var patient = new Patient(elsewhere.Id, PatientRecordTests.Details(PatientRecordTests.NewCard()), HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System));
            db.AddRange(elsewhere, patient);
            await db.SaveChangesAsync();
            theirs = patient.Id;
        }

        Assert.True((await app.Get<ReferPatient.Handler>().Refer(theirs, "Lives alone, many ED visits", ReferralUrgency.Urgent, "dr.elsewhere")).Succeeded);
        var family = "Public" + Guid.NewGuid().ToString("N")[..6];
        Assert.True((await app.Get<SubmitSelfReferral.Handler>().Handle(new Referrals.SelfReferral { GivenName = "Rose", FamilyName = family, DateOfBirth = new DateOnly(1940, 1, 2), ReferredBy = "Her son", ContactPhone = "613-555-0101", Reason = "Falls" }, Address())).Succeeded);

        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));
        var rows = await app.Get<ListReferrals.Handler>().Handle(coordinator);
        Assert.Contains(rows, r => r.PatientId == ours);
        Assert.Contains(rows, r => r.Who.StartsWith(family, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.PatientId == theirs || r.Reason.Contains("Lives alone", StringComparison.Ordinal));
        Assert.Equal(1, await Audited(ours, "Referrals"));
        Assert.Equal(0, await Audited(theirs, "Referrals"));

        // The same view again at once (a page's prerender, then its circuit) is the same visit.
        await app.Get<ListReferrals.Handler>().Handle(coordinator);
        Assert.Equal(1, await Audited(ours, "Referrals"));

        // An analyst, who works for no Health Link, lists none.
        Assert.Empty(await app.Get<ListReferrals.Handler>().Handle(await app.ViewerOf(await app.NewUser(Roles.RegionAnalyst))));
    }

    [Fact]
    public async Task MyWork_Search_AndTheCaseload_AuditThePatientsTheyName()
    {
        var (patient, card, _) = await app.PatientWithTeam();
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        var document = new CarePlanDocument { Goals = [new Goal { InMyWords = "Walk daily", Actions = [new PlanAction { What = "Walk to the mailbox", ResponsibleMemberId = (await LeadMember(patient)), TargetDate = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System).AddDays(5) }] }] };
        Assert.True((await app.Get<Features.CarePlans.SaveCarePlan.Handler>().Handle(lead, new Features.CarePlans.SaveCarePlan.Command(patient, 0, document, lead.UserName))).Saved);

        Assert.Contains(await app.Get<MyWork.Handler>().Mine(lead), r => r.PatientId == patient);
        Assert.Equal(1, await Audited(patient, "My work"));
        Assert.Contains(await app.Get<GetMyCaseload.Handler>().Handle(lead), r => r.Id == patient);
        Assert.Equal(1, await Audited(patient, "Caseload"));
        var page = await app.Get<SearchPatients.Handler>().Handle(new SearchPatients.Query(lead, HealthCardNumber: card));
        Assert.Contains(page.Rows, r => r.Id == patient);
        Assert.Equal(1, await Audited(patient, "Patient search"));
    }

    [Theory]
    [InlineData(Roles.RegionAnalyst)]
    [InlineData(Roles.PrivacyOfficer)]
    [InlineData(Roles.Patient)]
    [InlineData(Roles.Caregiver)]
    public async Task ARefusedPageAttempt_ByARoleThatMayNotOpenIt_IsAudited(string role)
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var client = await WebTests.SignedInClient(app, await app.NewUser(role));
        var response = await client.GetAsync(new Uri($"/patients/{patient}/plan", UriKind.Relative));
        Assert.DoesNotContain("Tremblay", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.Outcome == AuditOutcome.Refused), $"{role}: no refused event");
    }

    private async Task<Guid> LeadMember(PatientId patient)
    {
        await using var db = app.NewDb();
        return await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.Id).SingleAsync();
    }

    /// <summary>A network address of its own for each submission: the per-address limit is tested on its own.</summary>
    private static string Address() => $"test-{Guid.NewGuid():N}";
}
