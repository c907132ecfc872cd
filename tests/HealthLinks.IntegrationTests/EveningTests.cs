using HealthLinks.Domain;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Conferences;
using HealthLinks.Features.Contacts;
using HealthLinks.Features.Enrollment;
using HealthLinks.Features.Referrals;
using HealthLinks.Features.Work;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// 23:30 in Toronto, when the UTC date (and a server on UTC; scripts/test runs the tests with TZ=UTC) is already
/// tomorrow: the product's "today" must still be Ontario's.
/// </summary>
public abstract class EveningTests(AppFixture app)
{
    [Fact]
    public async Task At2330InToronto_OnAUtcServer_EverythingIsDatedToday()
    {
        var today = Ontario.Today(app.Clock);
        Assert.Equal(new TimeOnly(23, 30), TimeOnly.FromDateTime(Ontario.Now(app.Clock)));
        Assert.NotEqual(today, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime)); // the UTC date has moved on

        // A patient referred, invited and enrolled this evening gets a lead from today.
        var card = PatientRecordTests.NewCard();
        var patient = (await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = app.HealthLinkId, Details = PatientRecordTests.Details(card) })).Value;
        Assert.True((await app.Get<ReferPatient.Handler>().Refer(patient, "Frequent ED visits", ReferralUrgency.Routine, "dr.abbott")).Succeeded);
        ProviderId coordinator;
        await using (var db = app.NewDb())
        {
            var organization = new Organization((await db.Regions.FirstAsync()).Id, "Evening Home Care " + card, OrganizationKind.HomeAndCommunityCare);
            var provider = new Provider(organization.Id, "Eve", "Evening", Profession.CareCoordinator);
            db.AddRange(organization, provider);
            await db.SaveChangesAsync();
            coordinator = provider.Id;
        }

        var staff = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));
        var enrolled = await app.Get<Invitations.Handler>().Record(staff, new Invitations.Attempt
        {
            PatientId = patient,
            On = today,
            Outcome = InvitationOutcome.Accepted,
            ConsentGivenBy = AgreementGivenBy.Patient,
            ConsentHow = AgreementMethod.Phone,
            Coordinator = coordinator,
            By = "coordinator",
        });
        Assert.True(enrolled.Succeeded, string.Join("; ", enrolled.Violations));
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == patient);
            Assert.Equal(today, record.LeadOn(today)?.JoinedOn);
        }

        // The lead's contact form default (now, to the minute) is accepted.
        var lead = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, provider: coordinator));
        var now = Ontario.Now(app.Clock);
        var contact = await app.Get<ContactLog.Handler>().Record(lead, patient, new ContactLog.Command { At = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute)), With = "Patient", Summary = "Welcome call" });
        Assert.True(contact.Succeeded, string.Join("; ", contact.Violations));

        // A family physician joins the team today (the form's default), and can open the record tonight.
        Guid organizationId;
        await using (var db = app.NewDb())
        {
            organizationId = await db.Providers.Where(p => p.Id == coordinator).Select(p => p.OrganizationId).SingleAsync();
        }

        var joined = await app.Get<Features.CareTeams.AddTeamMember.Handler>().Handle(lead, patient, new Features.CareTeams.CareTeam.AddCommand
        {
            NewProvider = new() { GivenName = "Night", FamilyName = "Physician", Profession = Profession.FamilyPhysician, OrganizationId = organizationId },
            Role = TeamRole.FamilyPhysician,
            JoinedOn = today,
        });
        Assert.True(joined.Succeeded, string.Join("; ", joined.Violations));
        await using (var db = app.NewDb())
        {
            var physician = await db.CareTeamMembers.Where(m => m.Id == joined.Value).Select(m => m.ProviderId).SingleAsync();
            var viewer = await app.ViewerOf(await app.NewUser(Roles.Provider, provider: physician));
            Assert.NotNull((await app.Get<Features.Patients.GetPatientOverview.Handler>().Handle(viewer, patient)).Value);
        }

        // The new plan's action is in the lead's My work; tomorrow morning's conference is in every list.
        await using (var db = app.NewDb())
        {
            var member = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.Id).SingleAsync();
            var document = new CarePlanDocument { Goals = [new Goal { InMyWords = "Sleep at home", Actions = [new PlanAction { What = "Call the pharmacy", ResponsibleMemberId = member, TargetDate = today }] }] };
            var saved = await app.Get<SaveCarePlan.Handler>().Handle(lead, new SaveCarePlan.Command(patient, 0, document, lead.UserName));
            Assert.True(saved.Saved, string.Join("; ", saved.Violations));
        }

        Assert.Contains(await app.Get<MyWork.Handler>().List(coordinator), r => r.PatientId == patient && r.What == "Call the pharmacy" && !r.IsOverdue(today));
        var scheduled = await app.Get<ScheduleConference.Handler>().Handle(lead, patient, new Conferences.ScheduleCommand { At = today.AddDays(1).ToDateTime(new TimeOnly(10, 0)), Place = "Room 1", Invitees = await app.Get<ScheduleConference.Handler>().Choices(lead, patient) });
        Assert.True(scheduled.Succeeded, string.Join("; ", scheduled.Violations));
        Assert.Contains(await app.Get<ListConferences.Handler>().Handle(lead), c => c.Id == scheduled.Value);
        Assert.Contains(await app.Get<ListConferences.Handler>().Handle(lead, patient), c => c.Id == scheduled.Value);

        // The letter is dated today.
        var letter = (await app.Get<InvitationLetter.Handler>().Handle(lead, patient, "fr")).Value;
        Assert.EndsWith(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), letter!.Signature, StringComparison.Ordinal);
    }
}

/// <summary>Today's date in Toronto, at 23:30 there.</summary>
internal static class Evening
{
    public static TestClock Clock()
    {
        var toronto = Ontario.Today(TimeProvider.System).ToDateTime(new TimeOnly(23, 30));
        return new TestClock(new DateTimeOffset(Ontario.ToUtc(toronto), TimeSpan.Zero));
    }
}

public sealed class EveningSqliteApp : SqliteApp
{
    public override TimeProvider Clock { get; } = Evening.Clock();
}

public sealed class EveningPostgresApp : PostgresApp
{
    public override TimeProvider Clock { get; } = Evening.Clock();
}

public sealed class SqliteEveningTests(EveningSqliteApp app) : EveningTests(app), IClassFixture<EveningSqliteApp>;

public sealed class PostgresEveningTests(EveningPostgresApp app) : EveningTests(app), IClassFixture<EveningPostgresApp>;
