using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Notifications;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using MimeKit;

namespace HealthLinks.Features.Surveys;

/// <summary>
/// Sends the patient experience survey when it falls due: three months after enrollment, then yearly, to patients in
/// coordinated care (enrolled, active or stepped down). Each goes out once (one row per patient and due day): by
/// email with a one-time link when the record has an email, and to the patient's inbox when they have an account.
/// </summary>
public static class ScheduleSurveys
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Notifier notifier, TimeProvider clock, IStringLocalizer<Resources.Strings> l)
    {
        private static readonly EnrollmentStatus[] InCare = [EnrollmentStatus.Enrolled, EnrollmentStatus.Active, EnrollmentStatus.SteppedDown];

        /// <summary>Sends the surveys due today or earlier and not sent yet; the number sent.</summary>
        public async Task<int> Run(CancellationToken ct = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var enrolled = await db.Enrollments.Where(e => e.IsOpen && InCare.Contains(e.Status))
                .Join(db.EnrollmentStatusChanges.Where(c => c.To == EnrollmentStatus.Enrolled), e => e.Id, c => c.EnrollmentId, (e, c) => new { e.PatientId, e.HealthLinkId, c.At })
                .ToListAsync(ct);
            var due = enrolled.GroupBy(e => e.PatientId)
                .Select(g => (Patient: g.Key, g.First().HealthLinkId, DueOn: ExperienceSurvey.LatestDue(OntarioTime.DayOf(g.Max(e => e.At)), today)))
                .Where(d => d.DueOn is not null).ToList();
            var patients = due.Select(d => d.Patient).ToList();
            var sent = (await db.ExperienceSurveys.Where(s => patients.Contains(s.PatientId)).Select(s => new { s.PatientId, s.DueOn }).ToListAsync(ct))
                .Select(s => (s.PatientId, s.DueOn)).ToHashSet();
            var fresh = due.Where(d => !sent.Contains((d.Patient, d.DueOn!.Value))).ToList();
            if (fresh.Count == 0)
            {
                return 0;
            }

            var ids = fresh.Select(f => f.Patient).ToList();
            var emails = await db.Patients.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, ct);
            var accounts = await db.Users.Where(u => u.PatientId != null && ids.Contains(u.PatientId.Value) && u.Email != null)
                .ToDictionaryAsync(u => u.PatientId!.Value, u => u.Email!, ct);
            var letters = new List<MimeMessage>();
            foreach (var (patient, healthLink, dueOn) in fresh)
            {
                var survey = new ExperienceSurvey(patient, healthLink, dueOn!.Value, now);
                var token = survey.IssueLink(now);
                db.ExperienceSurveys.Add(survey);
                if (accounts.TryGetValue(patient, out var account))
                {
                    await Notifier.Add(db, account, "survey", () => (l["Survey_InboxTitle"], l["Survey_InboxBody"]), "/my-survey", now, ct);
                }

                if ((account ?? emails.GetValueOrDefault(patient)) is { } address)
                {
                    letters.Add(Letter(address, token));
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var letter in letters)
            {
                await notifier.Deliver(letter, ct);
            }

            return fresh.Count;
        }

        /// <summary>The survey's email, in both languages: the link and nothing about the patient's health.</summary>
        private MimeMessage Letter(string to, string token)
        {
            var link = $"{notifier.Site}/survey?token={token}";
            var message = new MimeMessage { Subject = "HealthLinks: tell us about your care / parlez-nous de vos soins" };
            message.To.Add(MailboxAddress.Parse(to));
            message.Body = new TextPart("plain")
            {
                Text = $"Your care team would like to know how coordinated care is working for you. The survey takes five minutes; the link works once, for 60 days:\n{link}\n\n"
                    + $"Votre équipe de soins aimerait savoir comment se passent vos soins coordonnés. Le sondage prend cinq minutes; le lien ne fonctionne qu'une fois, pendant 60 jours :\n{link}\n",
            };
            return message;
        }
    }
}
