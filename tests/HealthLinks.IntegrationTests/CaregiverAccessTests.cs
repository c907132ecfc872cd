using System.Net;

using HealthLinks.Domain;
using HealthLinks.Features.Caregivers;
using HealthLinks.Features.CarePlans;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>A caregiver reads a patient's plan only while the access the coordinator gave (with the patient's agreement) lasts.</summary>
public abstract class CaregiverAccessTests(AppFixture app) : AppTests(app)
{
    private static readonly DateOnly Today = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);

    [Fact]
    public async Task ACaregiver_ReadsThePlanWhileAccessLasts_AndNotAfterItIsRevoked()
    {
        var (patient, email, goal) = await PatientWithCaregiverAccount();
        var client = await WebTests.SignedInClient(app, email);
        await AssertRefused(client, patient, goal);

        var granted = await app.Get<GrantCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), Grant(patient, await CaregiverOf(patient)));
        Assert.True(granted.Succeeded, string.Join("; ", granted.Violations));
        Assert.Contains($"shared-plans/{patient}", await client.GetStringAsync(new Uri("/shared-plans", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(goal, await client.GetStringAsync(new Uri($"/shared-plans/{patient}", UriKind.Relative)), StringComparison.Ordinal);
        var pdf = await client.GetAsync(new Uri($"/shared-plans/{patient}/pdf?lang=fr", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        // Someone else's plan, and the coordinator's own pages, stay closed to a caregiver.
        var (other, _, otherGoal) = await PatientWithCaregiverAccount();
        await AssertRefused(client, other, otherGoal);
        foreach (var path in new[] { $"/patients/{patient}/plan", $"/patients/{patient}", $"/patients/{patient}/plan/print", $"/patients/{patient}/caregivers" })
        {
            var refused = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        var revoked = await app.Get<RevokeCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), new RevokeCaregiverAccess.Command(patient, granted.Value, "The patient withdrew their agreement", "coordinator"));
        Assert.True(revoked.Succeeded);
        await AssertRefused(client, patient, goal);
    }

    [Fact]
    public async Task AccessEnds_OnItsExpiryDate()
    {
        var (patient, email, goal) = await PatientWithCaregiverAccount();
        var granted = await app.Get<GrantCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), Grant(patient, await CaregiverOf(patient)));
        var client = await WebTests.SignedInClient(app, email);
        Assert.Contains(goal, await client.GetStringAsync(new Uri($"/shared-plans/{patient}", UriKind.Relative)), StringComparison.Ordinal);

        // Time passes: the expiry date arrives.
        await using (var db = app.NewDb())
        {
            await db.CaregiverAccesses.Where(a => a.Id == granted.Value).ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiresOn, Today));
        }

        await AssertRefused(client, patient, goal);
        var list = await app.Get<CaregiverAccessList.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), patient);
        Assert.Equal(CaregiverAccessList.AccessState.Expired, Assert.Single(list!.Accesses).State);
    }

    [Fact]
    public async Task GivingAccessTwice_OrWithBadInput_IsRefused_AndNothingIsStored()
    {
        var (patient, _, _) = await PatientWithCaregiverAccount();
        var caregiver = await CaregiverOf(patient);
        var grant = app.Get<GrantCaregiverAccess.Handler>();
        var past = Grant(patient, caregiver);
        past.ExpiresOn = Today.AddDays(-1);
        var expired = await grant.Handle(await app.ViewerOf(await app.TeamAccount(patient)), past);
        Assert.Contains(expired.Violations, v => v is { Field: "ExpiresOn", Code: Rules.ExpiryNotAfterToday });
        var stranger = await grant.Handle(await app.ViewerOf(await app.TeamAccount(patient)), Grant(patient, Guid.NewGuid()));
        Assert.Contains(stranger.Violations, v => v is { Field: "RelatedPersonId" });

        Assert.True((await grant.Handle(await app.ViewerOf(await app.TeamAccount(patient)), Grant(patient, caregiver))).Succeeded);
        var twice = await grant.Handle(await app.ViewerOf(await app.TeamAccount(patient)), Grant(patient, caregiver));
        Assert.Equal(Rules.AccessAlreadyActive, Assert.Single(twice.Violations).Code);

        await using var db = app.NewDb();
        Assert.Equal(1, await db.CaregiverAccesses.CountAsync(a => a.PatientId == patient));
    }

    [Fact]
    public async Task TheCoordinatorsPage_ListsWhoHasAccess()
    {
        var (patient, email, _) = await PatientWithCaregiverAccount();
        await app.Get<GrantCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), Grant(patient, await CaregiverOf(patient)));
        var coordinator = await WebTests.SignedInClient(app, await app.TeamAccount(patient));
        var page = await coordinator.GetStringAsync(new Uri($"/patients/{patient}/caregivers", UriKind.Relative));
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains("Active", page, StringComparison.Ordinal);

        var provider = await WebTests.SignedInClient(app, await app.NewUser(Roles.Provider));
        Assert.NotEqual(HttpStatusCode.OK, (await provider.GetAsync(new Uri($"/patients/{patient}/caregivers", UriKind.Relative))).StatusCode);
    }

    private static GrantCaregiverAccess.Command Grant(PatientId patient, Guid caregiver) => new()
    {
        PatientId = patient,
        RelatedPersonId = caregiver,
        AgreedBy = AgreementGivenBy.Patient,
        AgreedHow = AgreementMethod.Written,
        AgreedOn = Today,
        ExpiresOn = Today.AddMonths(3),
        By = "coordinator",
    };

    private static async Task AssertRefused(HttpClient client, PatientId patient, string goal)
    {
        foreach (var path in new[] { $"/shared-plans/{patient}", $"/shared-plans/{patient}/pdf" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(goal, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"shared-plans/{patient}", await client.GetStringAsync(new Uri("/shared-plans", UriKind.Relative)), StringComparison.Ordinal);
    }

    private async Task<Guid> CaregiverOf(PatientId patient)
    {
        await using var db = app.NewDb();
        return await db.RelatedPeople.Where(r => r.PatientId == patient).Select(r => r.Id).SingleAsync();
    }

    /// <summary>A patient with a plan, and a caregiver on record whose email is also their sign-in.</summary>
    private async Task<(PatientId Patient, string Email, string Goal)> PatientWithCaregiverAccount()
    {
        var (patient, _, nurse) = await app.PatientWithTeam();
        var goal = $"Goal {Guid.NewGuid():N}";
        var document = new CarePlanDocument { Goals = [new Goal { InMyWords = goal, Actions = [new PlanAction { What = "Home visit", ResponsibleMemberId = nurse }] }] };
        Assert.True((await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, "coordinator"))).Saved);
        var email = await app.NewUser(Roles.Caregiver);
        await using var db = app.NewDb();
        var record = await db.Patients.Include(p => p.RelatedPeople).SingleAsync(p => p.Id == patient);
        record.AddRelatedPerson("Casey", "Ortiz", "Daughter", RelatedPersonRoles.Caregiver, null, email);
        await db.SaveChangesAsync();
        return (patient, email, goal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCaregiverAccessTests(SqliteApp app) : CaregiverAccessTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaregiverAccessTests(PostgresApp app) : CaregiverAccessTests(app);
