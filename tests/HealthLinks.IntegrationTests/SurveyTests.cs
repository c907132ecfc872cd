using HealthLinks.Domain;
using HealthLinks.Features.Reports;
using HealthLinks.Features.Surveys;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

using static HealthLinks.Features.Reports.QuarterlyFigures;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// The patient experience survey: sent once when due with a one-time link, answered through the link (once), by the
/// patient signed in, or from paper by the Health Link's staff; bad answers refused; the answers in the quarterly report.
/// </summary>
public abstract class SurveyTests(AppFixture app) : AppTests(app)
{
    /// <summary>A patient of the fixture's Health Link with an email, enrolled the number of months ago given.</summary>
    private async Task<(PatientId Id, string Email)> Enrolled(int monthsAgo)
    {
        var email = $"patient-{Guid.NewGuid():N}@example.org";
        var saved = await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command
        {
            HealthLinkId = app.HealthLinkId,
            Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) with { Email = email },
        });
        await using var db = app.NewDb();
        var patient = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).SingleAsync(p => p.Id == saved.Value);
        var at = DateTime.UtcNow.AddMonths(-monthsAgo);
        var episode = patient.Identify(app.HealthLinkId, IdentificationSource.Screening, "test", at.AddDays(-10), null);
        episode.MoveTo(EnrollmentStatus.Invited, "test", at.AddDays(-5), null);
        episode.MoveTo(EnrollmentStatus.Enrolled, "test", at, null);
        await db.SaveChangesAsync();
        return (patient.Id, email);
    }

    private string LinkTokenSentTo(string email)
    {
        var message = Assert.Single(Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)), m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Contains("parlez-nous de vos soins", message.Subject, StringComparison.Ordinal);
        var text = message.TextBody ?? "";
        Assert.DoesNotContain("Tremblay", text, StringComparison.Ordinal); // no one's name, nothing about their health
        var start = text.IndexOf("/survey?token=", StringComparison.Ordinal) + "/survey?token=".Length;
        return text[start..].Split('\n')[0].Trim();
    }

    private static SurveyAnswers Good() => new() { Scale = [5, 4, 4, 2, 5, null], Overall = 9, Comment = "Lucie always calls back." };

    [Fact]
    public async Task ADueSurvey_IsSentOnce_AndItsLink_RefusesBadAnswers_ThenWorksOnce()
    {
        var (patient, email) = await Enrolled(monthsAgo: 4);
        var (notYet, notYetEmail) = await Enrolled(monthsAgo: 2);
        var schedule = app.Get<ScheduleSurveys.Handler>();
        Assert.Equal(1, await schedule.Run());
        Assert.Equal(0, await schedule.Run()); // run again (a restart, another node): nothing sent twice
        await using (var db = app.NewDb())
        {
            var survey = await db.ExperienceSurveys.SingleAsync();
            Assert.Equal(patient, survey.PatientId);
            Assert.False(await db.ExperienceSurveys.AnyAsync(s => s.PatientId == notYet));
        }

        var token = LinkTokenSentTo(email);
        var surveys = app.Get<AnswerSurvey.Handler>();
        Assert.NotNull(await surveys.ByLink(token));
        Assert.Null(await surveys.ByLink(token + "x"));

        var bad = await surveys.AnswerByLink(token, new SurveyAnswers { Scale = [7, 0, null, null, null, null], Overall = 11, Comment = new string('x', 2001) });
        Assert.Equal(
            [("AskedWhatMatters", Rules.OutOfRange), ("Comment", Rules.TooLong), ("KnowWhoToCall", Rules.OutOfRange), ("Overall", Rules.OutOfRange)],
            bad.Violations.Select(v => (v.Field, v.Code)).Order().ToList());
        Assert.Equal(("Scale", Rules.Required), (await surveys.AnswerByLink(token, new SurveyAnswers())).Violations.Select(v => (v.Field, v.Code)).Single());
        await using (var db = app.NewDb())
        {
            Assert.Null((await db.ExperienceSurveys.SingleAsync()).AnsweredAt); // nothing stored from a refused answer
        }

        Assert.True((await surveys.AnswerByLink(token, Good())).Succeeded);
        Assert.Equal(Rules.LinkNotUsable, (await surveys.AnswerByLink(token, Good())).Violations.Single().Code);
        Assert.Null(await surveys.ByLink(token));
        await using (var db = app.NewDb())
        {
            var answered = await db.ExperienceSurveys.SingleAsync();
            Assert.Equal((SurveyChannel.Link, 9, 5, (int?)null), (answered.Channel, answered.Overall, answered.KnowWhoToCall, answered.HelpWhenNeeded));
            Assert.Null(answered.LinkHash);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.What == "Experience survey answered (Link)"));
        }

        Assert.DoesNotContain(Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)), m => m.To.Mailboxes.Any(a => a.Address == notYetEmail));
    }

    [Fact]
    public async Task ThePatientSignedIn_AnswersTheirOwnSurvey_AndNobodyElsesIsFound()
    {
        var (patient, _) = await Enrolled(monthsAgo: 16); // the yearly one (15 months) is due
        await app.Get<ScheduleSurveys.Handler>().Run();
        await using (var db = app.NewDb())
        {
            Assert.Equal(OntarioTime.DayOf(DateTime.UtcNow.AddMonths(-16)).AddMonths(15), (await db.ExperienceSurveys.SingleAsync()).DueOn);
        }

        var surveys = app.Get<AnswerSurvey.Handler>();
        var someoneElse = await app.ViewerOf(await app.NewUser(Roles.Patient, patient: (await Enrolled(monthsAgo: 1)).Id));
        Assert.Null(await surveys.Mine(someoneElse));
        Assert.Equal(Rules.NotFound, (await surveys.AnswerMine(someoneElse, Good())).Violations.Single().Code);

        var me = await app.ViewerOf(await app.NewUser(Roles.Patient, patient: patient));
        Assert.NotNull(await surveys.Mine(me));
        Assert.True((await surveys.AnswerMine(me, Good())).Succeeded);
        Assert.Null(await surveys.Mine(me));
        Assert.Equal(Rules.NotFound, (await surveys.AnswerMine(me, Good())).Violations.Single().Code);
    }

    [Fact]
    public async Task Staff_EnterAPaperQuestionnaire_OthersCannot_AndTheReportCountsEveryAnswer()
    {
        var (first, _) = await Enrolled(monthsAgo: 4);
        var (second, _) = await Enrolled(monthsAgo: 5);
        await app.Get<ScheduleSurveys.Handler>().Run();
        var paper = app.Get<PaperSurvey.Handler>();
        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));
        var provider = await app.ViewerOf(await app.OutsideProvider());
        var today = Ontario.Today(app.Clock);

        Assert.Equal(Rules.NotAllowed, (await paper.Enter(provider, first, today, Good())).Violations.Single().Code);
        Assert.Equal(Rules.DateInFuture, (await paper.Enter(coordinator, first, today.AddDays(1), Good())).Violations.Single().Code);
        Assert.Equal("KnowWhoToCall", (await paper.Enter(coordinator, first, today, new SurveyAnswers { Scale = [6, null, null, null, null, null] })).Violations.Single().Field);
        Assert.True((await paper.Enter(coordinator, first, today, Good())).Succeeded);
        Assert.True((await paper.Enter(coordinator, second, today, new SurveyAnswers { Scale = [3, 5, 5, 5, 5, 5], Overall = 6 })).Succeeded);
        var (_, rows) = await paper.List(coordinator, first);
        Assert.Equal(SurveyChannel.Paper, Assert.Single(rows).Channel);

        // This quarter: 2 sent, 2 answered; "know who to call" 4 or 5 for one of the two; the mean rating (9 + 6) / 2.
        var quarter = Quarter.Of(today);
        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        var table = (await app.Get<QuarterlyReport.Handler>().Handle(admin, quarter)).Value!.Tables.Single();
        double? Value(string figure) => table.Rows.Single(r => r.Figure == figure).Cells[^1].Value;
        Assert.Equal(2, Value(SurveysSent));
        Assert.Equal(2, Value(SurveysAnswered));
        Assert.Equal(100, Value(SurveyResponseShare));
        Assert.Equal(50, Value(Experience("KnowWhoToCall")));
        Assert.Equal(7.5, Value(ExperienceOverall));

        // The comments: the Health Link's staff read them, without names; an analyst does not.
        var comments = await app.Get<SurveyComments.Handler>().Handle(admin, quarter);
        Assert.Equal("Lucie always calls back.", Assert.Single(comments.Value!).Text);
        var analyst = await app.ViewerOf(await app.NewUser(Roles.RegionAnalyst, healthLink: app.HealthLinkId));
        Assert.Equal(Rules.NotAllowed, (await app.Get<SurveyComments.Handler>().Handle(analyst, quarter)).Violations.Single().Code);
        var regional = (await app.Get<QuarterlyReport.Handler>().Handle(analyst, quarter)).Value!;
        Assert.All(regional.Tables.Where(t => t.HealthLinkId is null || t.HealthLinkId == app.HealthLinkId), t => Assert.True(t.Rows.Single(r => r.Figure == SurveysAnswered).Cells[^1].Withheld)); // 2: a small cell

        // With no survey waiting, a paper questionnaire records one of its day; a second of the same day is refused.
        Assert.True((await paper.Enter(coordinator, first, today, Good())).Succeeded);
        Assert.Equal(("AnsweredOn", Rules.SurveyOfThatDay), (await paper.Enter(coordinator, first, today, Good())).Violations.Select(v => (v.Field, v.Code)).Single());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSurveyTests(SqliteApp app) : SurveyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSurveyTests(PostgresApp app) : SurveyTests(app);
