using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Caregivers;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Conferences;
using HealthLinks.Features.Contacts;
using HealthLinks.Features.Coordination;
using HealthLinks.Features.Enrollment;
using HealthLinks.Features.Patients;
using HealthLinks.Features.Privacy;
using HealthLinks.Features.Work;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Each use case is its own door: called directly, not through a page, by a provider off the team, it refuses and audits the refusal.</summary>
public abstract class DoorTests(AppFixture app)
{
    [Fact]
    public async Task EachUseCase_CalledDirectlyByAnOffTeamProvider_IsRefused_AndTheRefusalIsAudited()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var outsider = await app.ViewerOf(await app.OutsideProvider());
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        (string What, Func<Infrastructure.Privacy.Viewer, Task<bool>> Shows)[] useCases =
        [
            ("Overview", async v => (await app.Get<GetPatientOverview.Handler>().Handle(v, patient)).Value is not null),
            ("Plan", async v => (await app.Get<GetCarePlan.Handler>().Handle(v, patient)).Value is not null),
            ("Plan versions", async v => (await app.Get<CompareVersions.Handler>().Handle(v, patient, 1, 1)).Access.Allowed),
            ("Plan sheet", async v => (await app.Get<BuildPlanSheet.Handler>().Handle(v, patient, "en", "Plan sheet")).Value is not null),
            ("Lead and episode", async v => (await app.Get<LeadHandOffs.Handler>().Lead(v, patient)) is not null),
            ("Consent directives", async v => (await app.Get<ConsentDirectives.Handler>().History(v, patient)) is not null && (await app.Get<PatientAccess>().Open(v, patient, "Consent directives", needs: AccessScope.Registration)).Allowed),
            ("Contacts", async v => (await app.Get<ContactLog.Handler>().List(v, patient)).Access.Allowed),
            ("Caregiver access", async v => (await app.Get<CaregiverAccessList.Handler>().Handle(v, patient)) is not null),
            ("My work", async v => (await app.Get<MyWork.Handler>().Team(v, patient)).Count > 0),
            ("Care conference", async v => (await app.Get<Conferences.Handler>().Choices(v, patient)).Count > 0),
            ("Invitation", async v => (await app.Get<Invitations.Handler>().Get(v, patient)) is not null),
            ("Invitation letter", async v => (await app.Get<InvitationLetter.Handler>().Handle(v, patient, "en")).Value is not null),
        ];

        foreach (var (what, shows) in useCases)
        {
            Assert.False(await shows(outsider), $"{what} showed the patient to a provider off the team");
            Assert.True(await shows(lead), $"{what} refused the patient's lead");
            await using var db = app.NewDb();
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.UserId == outsider.UserId && e.What == what && e.Outcome == AuditOutcome.Refused), $"{what}: the refusal was not audited");
        }
    }
}

public sealed class SqliteDoorTests(SqliteApp app) : DoorTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDoorTests(PostgresApp app) : DoorTests(app), IClassFixture<PostgresApp>;
