using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Demo;

/// <summary>
/// The history the reports read on first start: for each patient who was in coordinated care, contacts about monthly,
/// plan reviews about every 90 days, the moments their plan's actions were done, and the experience surveys that fell due (about half answered, by link, on paper
/// or signed in). The demo patient's latest survey waits for their answers.
/// </summary>
public static class DemoHistory
{
    private static readonly string[] EnglishComments =
    [
        "Having one person to call has made a big difference.",
        "I still had to tell my story again at the hospital.",
        "The home visits help me stay at home.",
        "My daughter finally knows what the plan is.",
        "It took weeks before anyone called me back.",
        "The pharmacist and my doctor now agree on my pills.",
    ];

    private static readonly string[] FrenchComments =
    [
        "Avoir une seule personne à appeler change tout.",
        "J'ai encore dû tout raconter de nouveau à l'urgence.",
        "Les visites à domicile m'aident à rester chez moi.",
        "Ma fille sait enfin quel est le plan.",
    ];

    public static async Task SeedAsync(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.ExperienceSurveys.AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = OntarioTime.DayOf(now);
        var random = new Random(20261130);
        var enrolled = await db.EnrollmentStatusChanges.Where(c => c.To == EnrollmentStatus.Enrolled)
            .Join(db.Enrollments, c => c.EnrollmentId, e => e.Id, (c, e) => new { e.Id, e.PatientId, e.HealthLinkId, c.At })
            .ToListAsync(ct);
        var closed = await db.EnrollmentStatusChanges.Where(c => c.To == EnrollmentStatus.Closed).ToDictionaryAsync(c => c.EnrollmentId, c => c.At, ct);
        var ids = enrolled.Select(e => e.PatientId).ToList();
        var leads = (await db.CareTeamMembers.Where(m => m.IsLead && ids.Contains(m.PatientId))
                .Join(db.Providers, m => m.ProviderId, p => p.Id, (m, p) => new { m.PatientId, p.Email }).ToListAsync(ct))
            .GroupBy(l => l.PatientId).ToDictionary(g => g.Key, g => g.First().Email ?? "seed");
        var people = await db.Patients.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Language, p.Email), ct);
        var plans = await db.CarePlans.Where(p => ids.Contains(p.PatientId) && p.CompletedAt != null).ToListAsync(ct);

        foreach (var episode in enrolled)
        {
            var lead = leads.GetValueOrDefault(episode.PatientId, "seed");
            var until = closed.TryGetValue(episode.Id, out var end) ? end : now.AddDays(-14);
            for (var at = episode.At.AddDays(random.Next(3, 10)); at < until; at = at.AddDays(random.Next(20, 40)))
            {
                db.PatientContacts.Add(new PatientContact(episode.PatientId, at, random.NextDouble() < 0.7 ? ContactKind.Phone : ContactKind.HomeVisit, "The patient",
                    "Regular check-in; reviewed goals and medications.", (ConditionChange)random.Next(1, 4), null, lead, at));
            }

            var (language, email) = people[episode.PatientId];
            var lastDue = OntarioTime.DayOf(closed.TryGetValue(episode.Id, out var closedAt) ? closedAt : now);
            for (var i = 0; ExperienceSurvey.DueOnAfter(OntarioTime.DayOf(episode.At), i) <= lastDue; i++)
            {
                var due = ExperienceSurvey.DueOnAfter(OntarioTime.DayOf(episode.At), i);
                var sent = OntarioTime.StartOfDay(due).AddHours(10);
                var survey = new ExperienceSurvey(episode.PatientId, episode.HealthLinkId, due, sent);
                survey.IssueLink(sent);
                var answeredAt = sent.AddDays(random.Next(2, 25));
                if (email != DemoPatients.PatientEmail && answeredAt < now && random.NextDouble() < 0.55)
                {
                    var channel = random.NextDouble() switch { < 0.6 => SurveyChannel.Link, < 0.85 => SurveyChannel.Paper, _ => SurveyChannel.SignedIn };
                    survey.Answer(Answers(random, language), channel, channel == SurveyChannel.Paper ? lead : null, answeredAt);
                }

                db.ExperienceSurveys.Add(survey);
            }
        }

        // The demo patient account has a survey to answer on first start, even before its first one falls due.
        var demoPatient = people.FirstOrDefault(p => p.Value.Email == DemoPatients.PatientEmail).Key;
        if (people.ContainsKey(demoPatient) && !db.ChangeTracker.Entries<ExperienceSurvey>().Any(e => e.Entity.PatientId == demoPatient))
        {
            var survey = new ExperienceSurvey(demoPatient, enrolled.First(e => e.PatientId == demoPatient).HealthLinkId, today, now);
            survey.IssueLink(now);
            db.ExperienceSurveys.Add(survey);
        }

        foreach (var plan in plans)
        {
            var lead = leads.GetValueOrDefault(plan.PatientId, "seed");
            DateTime? last = null;
            for (var at = plan.CompletedAt!.Value.AddDays(random.Next(80, 100)); at < now; at = at.AddDays(random.Next(80, 100)))
            {
                db.PlanReviews.Add(new PlanReview(plan.Id, plan.PatientId, at, lead));
                last = at;
            }

            if (last is { } reviewed)
            {
                plan.MarkReviewed(OntarioTime.DayOf(reviewed).AddDays(90), lead, reviewed);
            }
        }

        // Each Health Link's target: a little above what it has been completing.
        foreach (var link in await db.HealthLinks.Where(h => h.QuarterlyPlanTarget == null).ToListAsync(ct))
        {
            link.SetQuarterlyPlanTarget(30);
        }

        // The demo's actions were done around their target dates, most on time: the plan was saved done all at once.
        foreach (var action in await db.PlanActions.Where(a => a.Status == ActionStatus.Done && a.TargetDate != null).ToListAsync(ct))
        {
            var target = OntarioTime.StartOfDay(action.TargetDate!.Value).AddHours(15);
            var doneAt = random.NextDouble() < 0.8 ? target.AddDays(-random.Next(0, 8)) : target.AddDays(random.Next(3, 30));
            db.Entry(action).Property(a => a.DoneAt).CurrentValue = doneAt < now ? doneAt : now;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Mostly "usually" or "always", an item left blank now and then, a comment in the patient's language one time in three.</summary>
    private static SurveyAnswers Answers(Random random, PreferredLanguage language)
    {
        int Scale() => random.NextDouble() switch { < 0.04 => 1, < 0.12 => 2, < 0.30 => 3, < 0.62 => 4, _ => 5 };
        var comments = language == PreferredLanguage.French ? FrenchComments : EnglishComments;
        return new SurveyAnswers
        {
            Scale = [.. SurveyAnswers.Statements.Select(_ => random.NextDouble() < 0.05 ? (int?)null : Scale())],
            Overall = random.NextDouble() < 0.05 ? null : random.Next(5, 11),
            Comment = random.NextDouble() < 0.33 ? comments[random.Next(comments.Length)] : null,
        };
    }
}
