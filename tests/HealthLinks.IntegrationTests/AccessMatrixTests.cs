using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Caregivers;
using HealthLinks.Features.CarePlans;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// Every GET route of the app, found from the app's own endpoints, visited by people who may not see the patient:
/// no personal information may appear, and each refusal must be in the audit. A new route without a place here fails.
/// </summary>
public abstract class AccessMatrixTests(AppFixture app) : AppTests(app)
{
    /// <summary>Routes that show one patient, by the id in the address.</summary>
    private static readonly string[] PatientRoutes =
    [
        "/patients/{Id:guid}", "/patients/{Id:guid}/edit", "/patients/{Id:guid}/plan", "/patients/{Id:guid}/plan/print", "/patients/{Id:guid}/plan/versions",
        "/patients/{Id:guid}/plan/medications", "/patients/{Id:guid}/plan/pdf", "/patients/{Id:guid}/caregivers", "/patients/{Id:guid}/invite",
        "/patients/{Id:guid}/invite/letter", "/patients/{Id:guid}/invite/letter/pdf", "/patients/{Id:guid}/refer", "/patients/{Id:guid}/privacy", "/patients/{Id:guid}/contacts",
        "/patients/{Id:guid}/conferences", "/patients/{Id:guid}/lead", "/patients/{Id:guid}/team", "/patients/{Id:guid}/surveys",
        "/shared-plans/{Id:guid}", "/shared-plans/{Id:guid}/pdf",
    ];

    /// <summary>A patient's address that shows nothing of them (the break-glass form), so it writes no audit until used.</summary>
    private static readonly string[] PatientRoutesWithoutInformation = ["/patients/{Id:guid}/break-glass"];

    /// <summary>Routes that show one patient through another record's id (a conference): CoordinationTests visits them as an outsider.</summary>
    private static readonly string[] OtherRecordRoutes = ["/conferences/{Id:guid}"];

    /// <summary>Lists and pages that may name patients, each filtered to the user.</summary>
    private static readonly string[] ListRoutes =
    [
        "/", "/patients", "/worklist", "/referrals", "/inbox", "/shared-plans", "/my-plan", "/my-plan/pdf",
        "/privacy", "/privacy/access-report", "/privacy/break-glass", "/privacy/unusual",
        "/my-work", "/conferences", "/hand-offs", "/my-survey",
        "/admin/interfaces", // the message log names no patient; a message opens only on an audited click
    ];

    /// <summary>Pages with no personal health information at all.</summary>
    private static readonly string[] RoutesWithoutInformation =
    [
        "/login", "/error", "/not-found", "/access-denied", "/refer", "/patients/new", "/health", "/health/live", "/health/ready", "/culture/{language}",
        "/account/password", "/account/two-factor", "/login/two-factor", "/admin/users", "/admin/health-links", "/admin/organizations", "/admin/providers", "/admin/import", "/admin/screening",
        "/reports/quarterly", "/reports/outcomes", // aggregates only: no name, no number
        "/region/services", "/region/integration", "/region/integration/{CategoryId:guid}", // organizations' figures; patients only as suppressed counts
        "/survey", // the questionnaire, opened by a one-time link: nothing about the patient
    ];

    public static int CoveredRoutes => PatientRoutes.Length + PatientRoutesWithoutInformation.Length + OtherRecordRoutes.Length + ListRoutes.Length + RoutesWithoutInformation.Length;

    [Fact]
    public void EveryRoute_HasAPlaceInTheMatrix()
    {
        var routes = GetRoutes();
        var known = PatientRoutes.Concat(PatientRoutesWithoutInformation).Concat(OtherRecordRoutes).Concat(ListRoutes).Concat(RoutesWithoutInformation).Select(Normalize).ToHashSet();
        Assert.Empty(routes.Except(known));
        Assert.Empty(known.Except(routes));
        Assert.True(routes.Count >= 40, $"only {routes.Count} routes found");
    }

    [Fact]
    public async Task SomeoneOffTheTeam_SeesNothing_AndEachRefusalIsAudited()
    {
        var (patient, secrets) = await PatientWithEverything();
        var coordinator = await app.OutsideProvider(Roles.CareCoordinator);
        var caregiver = await app.NewUser(Roles.Caregiver);
        await AssertRefusedEverywhere(patient, secrets, coordinator, caregiver);
        // The privacy officer is left out: reading who opened which record is their role, and is itself audited.
        await AssertListsHide(secrets, coordinator, caregiver, await app.NewUser(Roles.RegionAnalyst), await app.NewUser(Roles.Patient));
    }

    [Fact]
    public async Task AnExpiredTeamMembership_AndAnExpiredCaregiverAccess_SeeNothing()
    {
        var (patient, secrets) = await PatientWithEverything();
        var former = await app.OutsideProvider(Roles.CareCoordinator);
        var caregiverEmail = secrets[^1];
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == patient);
            var provider = (await app.ViewerOf(former)).ProviderId!.Value;
            var today = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);
            var member = record.AddProviderToTeam(provider, "Former nurse", today.AddDays(-60));
            record.EndMembership(member.Id, today);
            await db.SaveChangesAsync();
            await db.CaregiverAccesses.Where(a => a.PatientId == patient).ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiresOn, today));
        }

        await AssertRefusedEverywhere(patient, secrets[..^1], former, caregiverEmail);
    }

    [Fact]
    public async Task TheTeamAndTheCaregiver_DoSeeIt_SoTheMatrixCanFail()
    {
        var (patient, secrets) = await PatientWithEverything();
        var team = await WebTests.SignedInClient(app, await app.TeamAccount(patient));
        Assert.Contains(secrets[0], await team.GetStringAsync(new Uri($"/patients/{patient}", UriKind.Relative)), StringComparison.Ordinal);
        var caregiver = await WebTests.SignedInClient(app, secrets[^1]);
        Assert.Contains(secrets[2], await caregiver.GetStringAsync(new Uri($"/shared-plans/{patient}", UriKind.Relative)), StringComparison.Ordinal);
    }

    private async Task AssertRefusedEverywhere(PatientId patient, string[] secrets, params string[] users)
    {
        var clients = new List<(string Email, HttpClient Client)>();
        foreach (var email in users)
        {
            clients.Add((email, await WebTests.SignedInClient(app, email)));
        }

        foreach (var route in PatientRoutes.Concat(PatientRoutesWithoutInformation))
        {
            var before = await Refusals(patient);
            foreach (var (email, client) in clients)
            {
                var response = await client.GetAsync(new Uri(route.Replace("{Id:guid}", patient.ToString(), StringComparison.Ordinal), UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                foreach (var secret in secrets)
                {
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{route} showed '{secret}' to {email}");
                }
            }

            if (PatientRoutes.Contains(route))
            {
                Assert.True(await Refusals(patient) > before, $"{route}: no refused audit event");
            }
        }
    }

    private async Task AssertListsHide(string[] secrets, params string[] users)
    {
        foreach (var email in users)
        {
            var client = await WebTests.SignedInClient(app, email);
            foreach (var route in ListRoutes)
            {
                var body = await (await client.GetAsync(new Uri(route, UriKind.Relative))).Content.ReadAsStringAsync();
                Assert.False(body.Contains(secrets[0], StringComparison.Ordinal), $"{route} named the patient to {email}");
            }
        }
    }

    private async Task<int> Refusals(PatientId patient)
    {
        await using var db = app.NewDb();
        return await db.AuditEvents.CountAsync(e => e.PatientId == patient && e.Outcome == AuditOutcome.Refused);
    }

    /// <summary>A patient with a plan, conditions and a caregiver whose access is active. Returns the texts no outsider may see; the last is the caregiver's email.</summary>
    private async Task<(PatientId Patient, string[] Secrets)> PatientWithEverything()
    {
        var (patient, card, nurse) = await app.PatientWithTeam();
        var goal = $"Goal{Guid.NewGuid():N}";
        var document = new CarePlanDocument
        {
            Goals = [new Goal { InMyWords = goal, Actions = [new PlanAction { What = "Home visit", ResponsibleMemberId = nurse }] }],
            Medications = [new Medication { Name = "Metformin 500 mg" }],
        };
        Assert.True((await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, "coordinator"))).Saved);
        var email = await app.NewUser(Roles.Caregiver);
        string family;
        Guid relatedId;
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.Include(p => p.RelatedPeople).SingleAsync(p => p.Id == patient);
            family = record.FamilyName;
            relatedId = record.AddRelatedPerson("Casey", "Ortiz", "Daughter", RelatedPersonRoles.Caregiver, null, email).Id;
            await db.SaveChangesAsync();
        }

        var granted = await app.Get<GrantCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), new GrantCaregiverAccess.Command
        {
            PatientId = patient,
            RelatedPersonId = relatedId,
            AgreedBy = AgreementGivenBy.Patient,
            AgreedHow = AgreementMethod.Written,
            AgreedOn = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System),
            ExpiresOn = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System).AddMonths(3),
            By = "coordinator",
        });
        Assert.True(granted.Succeeded);
        return (patient, [family, card[..4] + " " + card[4..7], goal, "Metformin", email]);
    }

    private HashSet<string> GetRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.StartsWith("/_", StringComparison.Ordinal) && !Path.HasExtension(r.Split('{')[0]) && !r.Contains("{**", StringComparison.Ordinal))
            .Select(Normalize).ToHashSet();

    private static string Normalize(string route) => route.ToLowerInvariant().Replace("{id:guid}", "{id}", StringComparison.Ordinal);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAccessMatrixTests(SqliteApp app) : AccessMatrixTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessMatrixTests(PostgresApp app) : AccessMatrixTests(app);
