using HealthLinks.Domain;
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
public abstract class DoorTests(AppFixture app) : AppTests(app)
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
            ("My work", async v => (await app.Get<UpdateAction.Handler>().Team(v, patient)).Count > 0),
            ("Care conference", async v => (await app.Get<ScheduleConference.Handler>().Choices(v, patient)).Count > 0),
            ("Invitation", async v => (await app.Get<Invitations.Handler>().Get(v, patient)) is not null),
            ("Invitation letter", async v => (await app.Get<InvitationLetter.Handler>().Handle(v, patient, "en")).Value is not null),
            ("Experience surveys", async v => (await app.Get<Features.Surveys.PaperSurvey.Handler>().List(v, patient)).Access.Allowed),
        ];

        foreach (var (what, shows) in useCases)
        {
            Assert.False(await shows(outsider), $"{what} showed the patient to a provider off the team");
            Assert.True(await shows(lead), $"{what} refused the patient's lead");
            await using var db = app.NewDb();
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.UserId == outsider.UserId && e.What == what && e.Outcome == AuditOutcome.Refused), $"{what}: the refusal was not audited");
        }
    }

    [Fact]
    public async Task EachChange_MadeDirectlyByAnOffTeamProvider_IsRefused_Audited_AndChangesNothing()
    {
        var (patient, card, _) = await app.PatientWithTeam();
        var outsider = await app.ViewerOf(await app.OutsideProvider());
        var today = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);
        (string What, Func<Task<IReadOnlyList<RuleViolation>>> Change)[] changes =
        [
            ("Plan", async () => (await app.Get<SaveCarePlan.Handler>().Handle(outsider, new SaveCarePlan.Command(patient, 0, new CarePlanDocument { Goals = [new Goal { InMyWords = "x" }] }, "x"))).Violations),
            ("Plan review", async () => (await app.Get<MarkPlanReviewed.Handler>().Handle(outsider, new MarkPlanReviewed.Command(patient, today.AddDays(30), "x"))).Violations),
            ("Medications", async () => (await app.Get<ReviewMedications.Handler>().Handle(outsider, new ReviewMedications.Command(patient, 0, new MedicationReview { ReviewedOn = today }, "x"))).Violations),
            ("Caregiver access", async () => (await app.Get<GrantCaregiverAccess.Handler>().Handle(outsider, new GrantCaregiverAccess.Command { PatientId = patient, AgreedOn = today, ExpiresOn = today.AddMonths(1) })).Violations),
            ("Registration", async () => (await app.Get<SavePatient.Handler>().Handle(outsider, new SavePatient.Command { Id = patient, HealthLinkId = app.HealthLinkId, Details = PatientRecordTests.Details(card) with { GivenName = "Changed" } })).Violations),
            ("Referral", async () => (await app.Get<Features.Referrals.ReferPatient.Handler>().Handle(outsider, patient, "x", ReferralUrgency.Routine)).Violations),
            ("Experience survey (paper)", async () => (await app.Get<Features.Surveys.PaperSurvey.Handler>().Enter(outsider, patient, today, new SurveyAnswers { Overall = 5 })).Violations),
            ("Worklist", async () => (await app.Get<Features.Screening.DecideCandidate.Handler>().Handle(outsider, new Features.Screening.DecideCandidate.Dismiss(patient, "x", "x"))).Violations),
        ];

        foreach (var (what, change) in changes)
        {
            Assert.Equal(Rules.NotAllowed, Assert.Single(await change()).Code);
            await using var db = app.NewDb();
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.UserId == outsider.UserId && e.What == what && e.Action == AuditAction.Change && e.Outcome == AuditOutcome.Refused), $"{what}: the refusal was not audited");
        }

        await using var check = app.NewDb();
        Assert.False(await check.CarePlans.AnyAsync(p => p.PatientId == patient));
        Assert.Equal("Marc", (await check.Patients.SingleAsync(p => p.Id == patient)).GivenName);
        Assert.False(await check.Referrals.AnyAsync(r => r.PatientId == patient));
        Assert.False(await check.ExperienceSurveys.AnyAsync(s => s.PatientId == patient));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteDoorTests(SqliteApp app) : DoorTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresDoorTests(PostgresApp app) : DoorTests(app);
