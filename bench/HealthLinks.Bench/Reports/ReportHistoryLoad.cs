using HealthLinks.Bench.Screening;
using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Bench.Reports;

/// <summary>
/// Adds to a <see cref="SyntheticRegion"/> the history the reports read, through the model: three patients in four
/// identified between 2024 and mid-2025 (one in four enrolled, then active, some stepped down or closed; the others
/// declined, unreachable or not yet invited), a contact a month after enrollment, and an experience survey three months
/// after it, half answered. Every value follows from the patient's number, so both databases hold the same history.
/// </summary>
internal static class ReportHistoryLoad
{
    private static readonly DateTime From = new(2024, 1, 1, 14, 0, 0, DateTimeKind.Utc);

    public static async Task<bool> Fill(IDbContextFactory<HealthLinksDb> dbs, SyntheticRegion region, Action<string> say, CancellationToken ct)
    {
        await using (var check = await dbs.CreateDbContextAsync(ct))
        {
            if (await check.Enrollments.AnyAsync(ct))
            {
                return false;
            }
        }

        const int batch = 10_000;
        for (var start = 0; start < region.Patients; start += batch)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = start; n < Math.Min(start + batch, region.Patients); n++)
            {
                Add(db, region.PatientAt(n).Id, n);
            }

            await db.SaveChangesAsync(ct);
            if (start % 100_000 == 0)
            {
                say($"  report history: {start + batch:N0} patients");
            }
        }

        return true;
    }

    /// <summary>A number from 0 to <paramref name="range"/> − 1 that depends only on the patient and what it is for.</summary>
    private static int Draw(int n, int salt, int range) => (int)((((uint)n * 2654435761u) ^ ((uint)salt * 40503u)) % (uint)range);

    private static void Add(HealthLinksDb db, Guid id, int n)
    {
        if (n % 4 == 0)
        {
            return;
        }

        var patient = new PatientId(id);
        var identified = From.AddDays(Draw(n, 1, 540));
        var episode = new Enrollment(patient, SyntheticRegion.HealthLink, (IdentificationSource)Draw(n, 2, 3), "bench", identified, null);
        if (n % 4 == 1)
        {
            var enrolled = identified.AddDays(10);
            episode.MoveTo(EnrollmentStatus.Invited, "bench", identified.AddDays(3), null);
            episode.MoveTo(EnrollmentStatus.Enrolled, "bench", enrolled, null);
            episode.MoveTo(EnrollmentStatus.Active, "bench", enrolled.AddDays(10), null);
            switch (Draw(n, 3, 10))
            {
                case 0:
                    episode.Close(ClosingReason.GoalsMet, "bench", enrolled.AddDays(200), null);
                    break;
                case 1:
                    episode.MoveTo(EnrollmentStatus.SteppedDown, "bench", enrolled.AddDays(120), null);
                    break;
            }

            db.PatientContacts.Add(new PatientContact(patient, enrolled.AddDays(30), ContactKind.Phone, "The patient", "Checked in", ConditionChange.Same, null, "bench", enrolled.AddDays(30)));
            var due = OntarioTime.DayOf(enrolled).AddMonths(3);
            var survey = new ExperienceSurvey(patient, SyntheticRegion.HealthLink, due, OntarioTime.StartOfDay(due).AddHours(10));
            if (Draw(n, 4, 2) == 0)
            {
                survey.Answer(new SurveyAnswers { Scale = [.. SurveyAnswers.Statements.Select((_, i) => (int?)(1 + Draw(n, 10 + i, 5)))], Overall = Draw(n, 20, 11) }, SurveyChannel.Link, null, survey.CreatedAt.AddDays(5));
            }

            db.ExperienceSurveys.Add(survey);
        }
        else if (n % 4 == 2)
        {
            episode.MoveTo(EnrollmentStatus.Invited, "bench", identified.AddDays(3), null);
            episode.MoveTo(EnrollmentStatus.Declined, "bench", identified.AddDays(8), "not now");
        }
        else if (Draw(n, 5, 2) == 0)
        {
            episode.MoveTo(EnrollmentStatus.Invited, "bench", identified.AddDays(3), null);
            episode.MoveTo(EnrollmentStatus.Unreachable, "bench", identified.AddDays(20), null);
        }

        db.Enrollments.Add(episode);
    }
}
