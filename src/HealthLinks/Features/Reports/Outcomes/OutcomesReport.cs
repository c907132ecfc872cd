using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>
/// Outcomes before and after enrollment, for the patients enrolled in a period, against a matched comparison group:
/// patients of the same Health Links identified in the same period who were never enrolled, indexed at their
/// identification. Matched on the propensity score (age, sex, number of conditions, emergency visits, admissions and
/// cost in the year before), exactly on Health Link. Only patients followed for the whole window after their index
/// date are counted. Aggregates only.
/// </summary>
public static class OutcomesReport
{
    public const string EmergencyVisits = nameof(EmergencyVisits);
    public const string Admissions = nameof(Admissions);
    public const string AcuteDays = nameof(AcuteDays);
    public const string Readmissions = nameof(Readmissions);
    public const string FollowUp7Days = nameof(FollowUp7Days);
    public const string Cost = nameof(Cost);

    /// <summary>Discharges from acute care: the basis of the 7-day follow-up share, not reported on its own.</summary>
    public const string Discharges = nameof(Discharges);

    public static IReadOnlyList<string> Measures { get; } = [EmergencyVisits, Admissions, AcuteDays, Readmissions, FollowUp7Days, Cost];

    public static IReadOnlyList<string> Covariates { get; } = ["Age", "Female", "Conditions", "PriorEmergencyVisits", "PriorAdmissions", "PriorCost"];

    public sealed record Balance(string Covariate, double Before, double After);

    /// <summary>The groups' sizes are null when withheld (1 to 4, for an analyst).</summary>
    public sealed record Report(DateOnly From, DateOnly To, int Months, int? Enrolled, int? Comparison, int? Pairs, IReadOnlyList<Balance> Balances, IReadOnlyDictionary<string, Effect> Effects)
    {
        public bool TooSmall => Pairs is not >= Effect.MinimumPairs;

        /// <summary>What an analyst may read: no group size from 1 to 4, and nothing computed over too few pairs.</summary>
        public Report Suppressed()
        {
            static int? Shown(int? n) => n is { } v && Suppression.IsSmall(v) ? null : n;
            var shown = this with { Enrolled = Shown(Enrolled), Comparison = Shown(Comparison), Pairs = Shown(Pairs) };
            return TooSmall ? shown with { Balances = [], Effects = new Dictionary<string, Effect>() } : shown;
        }
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, ReadOnlyDbs reads, AuditTrail audit, TimeProvider clock)
    {
        public async Task<Result<Report>> Handle(Viewer viewer, DateOnly from, DateOnly to, int months, CancellationToken ct = default)
        {
            if (months is not (6 or 12))
            {
                return Result<Report>.Failed("Months", Rules.OutOfRange, "the window is 6 or 12 months");
            }

            if (to < from)
            {
                return Result<Report>.Failed("To", Rules.EndBeforeStart, "the period ends before it starts");
            }

            ReportScope? scope;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                scope = await ReportScope.Of(db, viewer, ct);
            }

            if (scope is null)
            {
                return Result<Report>.Failed([ReportScope.Refusal]);
            }

            var subjects = await Subjects(scope, from, to, months, ct);
            var report = Analyse(subjects, from, to, months);
            if (scope.Suppressed)
            {
                report = report.Suppressed();
            }

            await ReportScope.Audit(audit, viewer, $"Outcomes report {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {months} months", ct);
            return report;
        }

        public static Report Analyse(IReadOnlyList<Subject> subjects, DateOnly from, DateOnly to, int months)
        {
            var enrolled = subjects.Count(s => s.Enrolled);
            if (enrolled == 0 || enrolled == subjects.Count)
            {
                return new Report(from, to, months, enrolled, subjects.Count - enrolled, 0, [], new Dictionary<string, Effect>());
            }

            var propensity = Propensity.Fit([.. subjects.Select(s => s.Covariates)], [.. subjects.Select(s => s.Enrolled)]);
            var pairs = Matching.Nearest(subjects, propensity);
            var balances = Covariates.Select((name, j) => new Balance(name,
                Matching.StandardizedDifference([.. subjects.Where(s => s.Enrolled).Select(s => s.Covariates[j])], [.. subjects.Where(s => !s.Enrolled).Select(s => s.Covariates[j])]),
                pairs.Count == 0 ? double.NaN : Matching.StandardizedDifference([.. pairs.Select(p => p.Enrolled.Covariates[j])], [.. pairs.Select(p => p.Control.Covariates[j])]))).ToList();
            var effects = Measures.ToDictionary(m => m, m => m == FollowUp7Days ? Effect.Share(pairs, FollowUp7Days, Discharges) : Effect.Of(pairs, m, months / 12.0, counts: m != Cost));
            return new Report(from, to, months, enrolled, subjects.Count - enrolled, pairs.Count, balances, effects);
        }

        private async Task<IReadOnlyList<Subject>> Subjects(ReportScope scope, DateOnly from, DateOnly to, int months, CancellationToken ct)
        {
            var links = scope.HealthLinks.Select(h => h.Id).ToList();
            var (start, end) = (OntarioTime.StartOfDay(from), OntarioTime.StartOfDay(to.AddDays(1)));
            var followedUntil = clock.GetUtcNow().UtcDateTime.AddMonths(-months); // an index after this has not had its whole window yet
            await using var db = await reads.CreateDbContextAsync(ct);
            var enrolledAt = await db.EnrollmentStatusChanges.Where(c => c.To == EnrollmentStatus.Enrolled)
                .Join(db.Enrollments.Where(e => links.Contains(e.HealthLinkId)), c => c.EnrollmentId, e => e.Id, (c, e) => new { e.PatientId, e.HealthLinkId, c.At })
                .ToListAsync(ct);
            var everEnrolled = enrolledAt.Select(e => e.PatientId).ToHashSet();
            var treated = enrolledAt.Where(e => e.At >= start && e.At < end && e.At <= followedUntil)
                .GroupBy(e => e.PatientId).Select(g => (Patient: g.Key, g.First().HealthLinkId, Index: g.Min(e => e.At), Enrolled: true));
            var identified = await db.Enrollments.Where(e => links.Contains(e.HealthLinkId) && e.IdentifiedAt >= start && e.IdentifiedAt < end && e.IdentifiedAt <= followedUntil)
                .Select(e => new { e.PatientId, e.HealthLinkId, e.IdentifiedAt }).ToListAsync(ct);
            var controls = identified.Where(e => !everEnrolled.Contains(e.PatientId))
                .GroupBy(e => e.PatientId).Select(g => (Patient: g.Key, g.First().HealthLinkId, Index: g.Min(e => e.IdentifiedAt), Enrolled: false));
            // In the patients' order, not the rows' (which each database returns as it likes): matching breaks ties by
            // order, so the same history gives the same pairs, and the same figures, on SQLite and PostgreSQL.
            var cohort = treated.Concat(controls).OrderBy(c => c.Patient.Value).ToList();
            if (cohort.Count == 0)
            {
                return [];
            }

            // The cohort's rows are read by a semi-join in the database, not a list of hundreds of thousands of ids sent to it.
            var inCohort = db.Enrollments.Where(e => links.Contains(e.HealthLinkId)
                && ((e.IdentifiedAt >= start && e.IdentifiedAt < end) || db.EnrollmentStatusChanges.Any(c => c.EnrollmentId == e.Id && c.To == EnrollmentStatus.Enrolled && c.At >= start && c.At < end)))
                .Select(e => e.PatientId);
            var (earliest, latest) = (cohort.Min(c => c.Index).AddMonths(-Math.Max(12, months)), cohort.Max(c => c.Index).AddMonths(months).AddDays(7)); // a follow-up visit may come up to 7 days after the window
            var people = await db.Patients.Where(p => inCohort.Contains(p.Id)).Select(p => new { p.Id, p.DateOfBirth, p.Sex }).ToDictionaryAsync(p => p.Id, ct);
            var conditions = (await db.Conditions.Where(c => inCohort.Contains(c.PatientId)).Select(c => c.PatientId).ToListAsync(ct)).CountBy(p => p).ToDictionary();
            var encounters = (await db.Encounters.Where(e => inCohort.Contains(e.PatientId) && e.Start >= earliest && e.Start < latest)
                .Select(e => new { e.PatientId, e.Kind, e.Start, e.End }).ToListAsync(ct)).ToLookup(e => e.PatientId);
            var costs = (await db.CostRecords.Where(c => inCohort.Contains(c.PatientId) && c.At >= earliest && c.At < latest)
                .Select(c => new { c.PatientId, c.At, c.Amount }).ToListAsync(ct)).ToLookup(c => c.PatientId);

            return [.. cohort.Select(c =>
            {
                var stays = encounters[c.Patient].Where(e => e.Kind == EncounterKind.InpatientStay).OrderBy(e => e.Start).ToList();
                var visits = encounters[c.Patient].Where(e => e.Kind == EncounterKind.EmergencyVisit).ToList();
                static double Days(DateTime start, DateTime? end) => Math.Max(1, Math.Ceiling(((end ?? start) - start).TotalDays));

                // Claims when the patient has any; else each encounter's estimated cost, as the risk model does.
                var billed = costs[c.Patient].Any();
                double CostBetween(DateTime a, DateTime b) => billed
                    ? (double)costs[c.Patient].Where(x => x.At >= a && x.At < b).Sum(x => x.Amount)
                    : encounters[c.Patient].Where(e => e.Start >= a && e.Start < b).Sum(e => Population.RiskFeatures.EstimatedCost(e.Kind, Days(e.Start, e.End)));
                var primaryCare = encounters[c.Patient].Where(e => e.Kind == EncounterKind.AmbulatoryVisit).Select(e => e.Start).Order().ToList();
                bool FollowedUp(DateTime discharged) => primaryCare.Any(v => v >= discharged && v < discharged.AddDays(7));
                int Count<T>(IEnumerable<T> items, Func<T, DateTime> at, DateTime a, DateTime b) => items.Count(i => at(i) >= a && at(i) < b);
                (double, double) Around(Func<DateTime, DateTime, double> measure) => (measure(c.Index.AddMonths(-months), c.Index), measure(c.Index, c.Index.AddMonths(months)));
                var measures = new Dictionary<string, (double Before, double After)>
                {
                    [EmergencyVisits] = Around((a, b) => Count(visits, v => v.Start, a, b)),
                    [Admissions] = Around((a, b) => Count(stays, s => s.Start, a, b)),
                    [AcuteDays] = Around((a, b) => stays.Where(s => s.Start >= a && s.Start < b).Sum(s => Days(s.Start, s.End))),
                    [Readmissions] = Around((a, b) => stays.Where((s, i) => s.Start >= a && s.Start < b && i > 0 && stays[i - 1].End is { } left && s.Start <= left.AddDays(30)).Count()),
                    [Discharges] = Around((a, b) => stays.Count(s => s.End is { } end && end >= a && end < b)),
                    [FollowUp7Days] = Around((a, b) => stays.Count(s => s.End is { } end && end >= a && end < b && FollowedUp(end))),
                    [Cost] = Around(CostBetween),
                };
                var person = people[c.Patient];
                var yearBefore = c.Index.AddYears(-1);
                double[] covariates =
                [
                    person.DateOfBirth is { } born ? (c.Index - born.ToDateTime(TimeOnly.MinValue)).TotalDays / 365.25 : 70,
                    person.Sex == AdministrativeSex.Female ? 1 : 0,
                    conditions.GetValueOrDefault(c.Patient),
                    Count(visits, v => v.Start, yearBefore, c.Index),
                    Count(stays, s => s.Start, yearBefore, c.Index),
                    Math.Log(1 + CostBetween(yearBefore, c.Index)),
                ];
                return new Subject(c.HealthLinkId, c.Enrolled, covariates, measures);
            })];
        }
    }
}
