using HealthLinks.Domain;
using HealthLinks.Features.Screening;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Taking on or dismissing a screening candidate.</summary>
public abstract class WorklistTests(AppFixture app)
{
    [Fact]
    public async Task TakingOnACandidate_OpensOneEpisode_AndNeverASecond()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var coordinator = await Coordinator();
        var decide = app.Get<DecideCandidate.Handler>();
        Assert.True((await decide.Handle(new DecideCandidate.Assign(patient, coordinator, "c"))).Succeeded);
        Assert.True((await decide.Handle(new DecideCandidate.Assign(patient, coordinator, "c"))).Succeeded);

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
        var refused = await decide.Handle(new DecideCandidate.Dismiss(patient, "  ", "c"));
        Assert.Equal(("DismissedReason", Rules.Required), (refused.Violations[0].Field, refused.Violations[0].Code));
        await using (var db = app.NewDb())
        {
            Assert.False(await db.WorklistEntries.AnyAsync(w => w.PatientId == patient));
        }

        Assert.True((await decide.Handle(new DecideCandidate.Dismiss(patient, "Already followed by the hospital's complex care team", "c"))).Succeeded);
        await using var check = app.NewDb();
        Assert.Equal("Already followed by the hospital's complex care team", (await check.WorklistEntries.SingleAsync(w => w.PatientId == patient)).DismissedReason);
    }

    [Fact]
    public async Task OnlyACareCoordinator_CanTakeOnACandidate()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        await using var db = app.NewDb();
        var nurse = await db.Providers.FirstAsync(p => p.Profession == Profession.RegisteredNurse);
        var refused = await app.Get<DecideCandidate.Handler>().Handle(new DecideCandidate.Assign(patient, nurse.Id, "c"));
        Assert.Equal("Coordinator", Assert.Single(refused.Violations).Field);
        Assert.False(await db.Enrollments.AnyAsync(e => e.PatientId == patient));
    }

    private async Task<ProviderId> Coordinator()
    {
        await using var db = app.NewDb();
        return await db.Providers.Where(p => p.Profession == Profession.CareCoordinator).Select(p => p.Id).FirstAsync();
    }
}

public sealed class SqliteWorklistTests(SqliteApp app) : WorklistTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWorklistTests(PostgresApp app) : WorklistTests(app), IClassFixture<PostgresApp>;
