using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Surveys;

/// <summary>
/// The free-text comments of the surveys answered in a quarter, for the Health Link's own coordinators and
/// administrators only: a comment may name people or conditions, so it never reaches an analyst or a report file.
/// </summary>
public static class SurveyComments
{
    public sealed record Comment(DateOnly AnsweredOn, int? Overall, string Text);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, ReadOnlyDbs reads, AuditTrail audit)
    {
        public static Domain.RuleViolation Refusal => new("Viewer", Rules.NotAllowed, "survey comments are for the Health Link's coordinators and administrators");

        public async Task<Result<IReadOnlyList<Comment>>> Handle(Viewer viewer, Quarter quarter, CancellationToken ct = default)
        {
            ReportScope? scope;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                scope = await ReportScope.Of(db, viewer, ct);
            }

            if (scope is null or { Suppressed: true })
            {
                return Result<IReadOnlyList<Comment>>.Failed([Refusal]);
            }

            var links = scope.HealthLinks.Select(h => h.Id).ToList();
            await using var read = await reads.CreateDbContextAsync(ct);
            var rows = await read.ExperienceSurveys.AsNoTracking()
                .Where(s => links.Contains(s.HealthLinkId) && s.Comment != null && s.AnsweredAt >= quarter.Start && s.AnsweredAt < quarter.End)
                .OrderByDescending(s => s.AnsweredAt).Select(s => new { s.AnsweredAt, s.Overall, s.Comment }).ToListAsync(ct);
            await ReportScope.Audit(audit, viewer, $"Experience survey comments {quarter}", ct);
            return Result<IReadOnlyList<Comment>>.Ok([.. rows.Select(r => new Comment(OntarioTime.DayOf(r.AnsweredAt!.Value), r.Overall, r.Comment!))]);
        }
    }
}
