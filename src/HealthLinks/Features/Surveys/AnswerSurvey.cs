using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Surveys;

/// <summary>
/// The patient answers their survey: signed in at /my-survey (the survey is found from their account, never from the
/// address), or through the one-time link in its email, without signing in. Either way it is answered once.
/// </summary>
public static class AnswerSurvey
{
    /// <summary>What the questionnaire page needs: nothing about the patient but the day the survey fell due.</summary>
    public sealed record Open(DateOnly DueOn);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, TimeProvider clock)
    {
        public static Domain.RuleViolation LinkRefusal => new("Token", Rules.LinkNotUsable, "this survey link has been used, has expired or is not one of ours");

        /// <summary>The survey a link opens, or null when the link is not usable.</summary>
        public async Task<Open?> ByLink(string? token, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var survey = await FindByLink(db, token, ct);
            return survey is null ? null : new Open(survey.DueOn);
        }

        public async Task<Result<bool>> AnswerByLink(string? token, SurveyAnswers answers, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var survey = await FindByLink(db, token, ct);
            return survey is null
                ? Result<bool>.Failed([LinkRefusal])
                : await Save(db, survey, answers, SurveyChannel.Link, Viewer.Anonymous, ct);
        }

        /// <summary>The signed-in patient's survey waiting for an answer (the latest due), or null.</summary>
        public async Task<Open?> Mine(Viewer viewer, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var survey = await FindMine(db, viewer, ct);
            return survey is null ? null : new Open(survey.DueOn);
        }

        public async Task<Result<bool>> AnswerMine(Viewer viewer, SurveyAnswers answers, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var survey = await FindMine(db, viewer, ct);
            return survey is null
                ? Result<bool>.Failed("Survey", Rules.NotFound, "there is no survey waiting for your answers")
                : await Save(db, survey, answers, SurveyChannel.SignedIn, viewer, ct);
        }

        private async Task<ExperienceSurvey?> FindByLink(HealthLinksDb db, string? token, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
            {
                return null;
            }

            var hash = ExperienceSurvey.HashOf(token);
            var survey = await db.ExperienceSurveys.SingleOrDefaultAsync(s => s.LinkHash == hash, ct);
            return survey?.LinkUsable(clock.GetUtcNow().UtcDateTime) == true ? survey : null;
        }

        private static async Task<ExperienceSurvey?> FindMine(HealthLinksDb db, Viewer viewer, CancellationToken ct) =>
            viewer.IsIn(Roles.Patient) && viewer.PatientId is { } patient
                ? await db.ExperienceSurveys.Where(s => s.PatientId == patient && s.AnsweredAt == null).OrderByDescending(s => s.DueOn).FirstOrDefaultAsync(ct)
                : null;

        private async Task<Result<bool>> Save(HealthLinksDb db, ExperienceSurvey survey, SurveyAnswers answers, SurveyChannel channel, Viewer viewer, CancellationToken ct)
        {
            try
            {
                survey.Answer(answers, channel, null, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<bool>.Failed("Survey", Rules.SurveyAnswered, "this survey has already been answered");
            }

            await audit.Append(viewer, survey.PatientId, $"Experience survey answered ({channel})", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.Self, ct);
            return true;
        }
    }
}
