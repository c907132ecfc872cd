using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Surveys;

/// <summary>
/// A patient's surveys as their Health Link's staff see them (registration-level: no clinical information) (when each fell due, whether and how it was answered, not
/// the answers), and a paper questionnaire entered for them: it answers the survey waiting, or one of that day.
/// </summary>
public static class PaperSurvey
{
    public sealed record Row(DateOnly DueOn, DateTime SentAt, DateTime? AnsweredAt, SurveyChannel? Channel);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, AuditTrail audit, TimeProvider clock)
    {
        public static Domain.RuleViolation StaffOnly => new("Viewer", Rules.NotAllowed, "only the Health Link's coordinators and administrators enter paper surveys");

        public async Task<(PatientAccess.Result Access, IReadOnlyList<Row> Rows)> List(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!viewer.IsHealthLinkStaff)
            {
                await audit.Append(viewer, patient, "Experience surveys", AuditAction.View, AuditOutcome.Refused, AccessBasis.None, ct);
                return (new PatientAccess.Result(false, true, AccessDecision.Nothing, false), []);
            }

            var gate = await access.Open(viewer, patient, "Experience surveys", AuditAction.View, AccessScope.Registration, ct);
            if (!gate.Allowed)
            {
                return (gate, []);
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return (gate, await db.ExperienceSurveys.AsNoTracking().Where(s => s.PatientId == patient).OrderByDescending(s => s.DueOn)
                .Select(s => new Row(s.DueOn, s.CreatedAt, s.AnsweredAt, s.Channel)).ToListAsync(ct));
        }

        /// <param name="answeredOn">The day written on the questionnaire (Ontario), not after today.</param>
        public async Task<Result<bool>> Enter(Viewer viewer, PatientId patient, DateOnly answeredOn, SurveyAnswers answers, CancellationToken ct = default)
        {
            if (!viewer.IsHealthLinkStaff)
            {
                await audit.Append(viewer, patient, "Experience survey (paper)", AuditAction.Change, AuditOutcome.Refused, AccessBasis.None, ct);
                return Result<bool>.Failed([StaffOnly]);
            }

            if (!(await access.Open(viewer, patient, "Experience survey (paper)", AuditAction.Change, AccessScope.Registration, ct)).Allowed)
            {
                return Result<bool>.Failed([StaffOnly]);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (answeredOn > Ontario.Today(clock))
            {
                return Result<bool>.Failed("AnsweredOn", Rules.DateInFuture, "a questionnaire cannot be answered after today");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var survey = await db.ExperienceSurveys.Where(s => s.PatientId == patient && s.AnsweredAt == null).OrderByDescending(s => s.DueOn).FirstOrDefaultAsync(ct);
            if (survey is null)
            {
                if (await db.ExperienceSurveys.AnyAsync(s => s.PatientId == patient && s.DueOn == answeredOn, ct))
                {
                    return Result<bool>.Failed("AnsweredOn", Rules.SurveyOfThatDay, "a survey of that day is already recorded");
                }

                var healthLink = await db.Patients.Where(p => p.Id == patient).Select(p => p.HealthLinkId).SingleAsync(ct);
                survey = new ExperienceSurvey(patient, healthLink, answeredOn, now);
                db.ExperienceSurveys.Add(survey);
            }

            try
            {
                // The day on the paper (at noon in Ontario, or now if that is later today): it counts in the quarter it was answered in.
                var at = Ontario.ToUtc(answeredOn.ToDateTime(new TimeOnly(12, 0)));
                survey.Answer(answers, SurveyChannel.Paper, viewer.UserName, at < now ? at : now);
                await db.SaveChangesAsync(ct);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<bool>.Failed("Survey", Rules.SurveyAnswered, "this survey has just been answered");
            }

            return true;
        }
    }
}
