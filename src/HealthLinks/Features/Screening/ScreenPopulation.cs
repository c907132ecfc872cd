using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Risk;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>
/// Screens each Health Link's population as of a date with that Health Link's rules: chronic conditions, frail elderly,
/// utilization, social complexity, many providers. Counts are made in the database (one grouped query over the
/// 12-month window), so this scales to a large region. Each run is recorded with its rule version and its candidates.
/// </summary>
public static class ScreenPopulation
{
    public sealed record Command(DateOnly AsOf, string By, Guid? HealthLinkId = null, bool Record = true);

    public sealed record Evidence(string Kind, DateOnly? Date, string What, string? Code = null);

    public sealed record Screened(
        PatientId PatientId, Guid HealthLinkId, IReadOnlyList<string> SourceIds, int Age, int EdVisits12m, int Admissions12m, int ChronicConditions, int DistinctProviders,
        IReadOnlyList<string> Criteria, IReadOnlyList<Evidence> Evidence, bool IsNewCandidate, DateTime? LastEncounter)
    {
        /// <summary>The probability of becoming a top-5%-cost patient in the next 12 months; null before any model is trained.</summary>
        public float? Score { get; init; }

        public IReadOnlyList<RiskScorer.Driver> Drivers { get; init; } = [];

        /// <summary>For a patient discharged in the 30 days before the as-of date: the LACE index of that stay.</summary>
        public Lace? Lace { get; init; }
    }

    public sealed record Outcome(DateOnly AsOf, IReadOnlyDictionary<Guid, int> RuleVersions, IReadOnlyList<Screened> Patients, RiskScorer.ModelInfo? Model)
    {
        public IEnumerable<Screened> NewCandidates => Patients.Where(p => p.Criteria.Count > 0 && p.IsNewCandidate);
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<Result<Outcome>> Handle(Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var healthLinks = await db.HealthLinks.AsNoTracking().Where(h => command.HealthLinkId == null || h.Id == command.HealthLinkId).Select(h => h.Id).ToListAsync(ct);
            if (healthLinks.Count == 0)
            {
                return Result<Outcome>.Failed("HealthLinkId", Rules.NotFound, "no such Health Link");
            }

            var versions = new Dictionary<Guid, int>();
            var everyone = new List<Screened>();
            RiskScorer.ModelInfo? model = null;
            foreach (var healthLink in healthLinks)
            {
                var rules = await db.ScreeningRuleSets.AsNoTracking().Where(r => r.HealthLinkId == healthLink).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
                var criteria = rules?.Criteria ?? ScreeningCriteria.Provincial;
                versions[healthLink] = rules?.Version ?? 0;
                var screened = await Screen(db, healthLink, command.AsOf, criteria, ct);
                if (await RiskScorer.Score(db, screened.Select(s => s.PatientId).ToList(), command.AsOf, ct) is var (info, scores))
                {
                    model = info;
                    screened = screened.Select(s => scores.TryGetValue(s.PatientId, out var score) ? s with { Score = score.Probability, Drivers = score.Drivers } : s).ToList();
                }

                everyone.AddRange(screened);
                if (command.Record)
                {
                    var run = new ScreeningRun(healthLink, command.AsOf, versions[healthLink], command.By, clock.GetUtcNow().UtcDateTime, screened.Count);
                    db.ScreeningRuns.Add(run);
                    db.ScreeningResults.AddRange(screened.Where(s => s.Criteria.Count > 0).Select(s => new ScreeningResult(
                        run.Id, s.PatientId, s.EdVisits12m, s.Admissions12m, s.ChronicConditions, s.DistinctProviders, s.Criteria, JsonSerializer.Serialize(s.Evidence, CarePlan.Json), s.IsNewCandidate)
                    {
                        Score = s.Score,
                        DriversJson = JsonSerializer.Serialize(s.Drivers, CarePlan.Json),
                    }));
                    await db.SaveChangesAsync(ct);
                }
            }

            return new Outcome(command.AsOf, versions, everyone, model);
        }

        private static async Task<List<Screened>> Screen(HealthLinksDb db, Guid healthLink, DateOnly asOf, ScreeningCriteria criteria, CancellationToken ct)
        {
            var end = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var start = asOf.AddYears(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var patients = await db.Patients.AsNoTracking().Where(p => p.HealthLinkId == healthLink && p.DateOfBirth <= asOf && (p.DiedOn == null || p.DiedOn >= asOf))
                .Select(p => new { p.Id, p.DateOfBirth }).ToListAsync(ct);
            var ids = db.Patients.Where(p => p.HealthLinkId == healthLink).Select(p => p.Id);

            var window = db.Encounters.AsNoTracking().Where(e => ids.Contains(e.PatientId) && e.Start >= start && e.Start < end);
            var counted = Counted(window, criteria);
            var usage = await window
                .GroupBy(e => e.PatientId)
                .Select(g => new
                {
                    PatientId = g.Key,
                    Ed = g.Count(e => e.Kind == EncounterKind.EmergencyVisit),
                    Admissions = g.Count(e => e.Kind == EncounterKind.InpatientStay),
                    HomeCare = g.Count(e => e.Kind == EncounterKind.HomeCareVisit),
                    Providers = g.Where(e => e.ProviderId != null).Select(e => e.ProviderId).Distinct().Count(),
                    Places = g.Where(e => e.FacilityId != null).Select(e => e.FacilityId).Distinct().Count(),
                })
                .ToDictionaryAsync(u => u.PatientId, ct);
            var utilization = await counted
                .GroupBy(e => e.PatientId)
                .Select(g => new { PatientId = g.Key, Ed = g.Count(e => e.Kind == EncounterKind.EmergencyVisit), Admissions = g.Count(e => e.Kind == EncounterKind.InpatientStay) })
                .ToDictionaryAsync(u => u.PatientId, ct);
            var last = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.PatientId) && e.Start < end)
                .GroupBy(e => e.PatientId).Select(g => new { PatientId = g.Key, Last = g.Max(e => e.Start) }).ToDictionaryAsync(l => l.PatientId, l => l.Last, ct);

            var groups = ChronicConditions.Default;
            var snomed = groups.SelectMany(g => g.SnomedCt).Concat(ChronicConditions.Social.SnomedCt).ToList();
            var categories = groups.SelectMany(g => g.Icd10CaCategories).Concat(ChronicConditions.Social.Icd10CaCategories).ToList();
            var conditions = (await db.Conditions.AsNoTracking()
                    .Where(c => ids.Contains(c.PatientId) && (c.Onset == null || c.Onset < asOf) && c.Status != ConditionStatus.Resolved)
                    .Where(c => (c.System == CodeSystem.SnomedCt && snomed.Contains(c.Code)) || (c.System == CodeSystem.Icd10Ca && categories.Contains(c.Code.Substring(0, 3))))
                    .Select(c => new { c.PatientId, c.System, c.Code, c.Display, c.Onset })
                    .ToListAsync(ct))
                .ToLookup(c => c.PatientId);
            var lace = await LaceScores(db, ids, asOf, conditions.ToDictionary(g => g.Key, g => g.Select(c => ChronicConditions.GroupOf(groups, c.System, c.Code)).OfType<string>().ToList()), ct);
            var open = (await db.Enrollments.AsNoTracking().Where(e => e.IsOpen && ids.Contains(e.PatientId)).Select(e => e.PatientId).ToListAsync(ct)).ToHashSet();

            var results = new List<Screened>(patients.Count);
            foreach (var p in patients)
            {
                var age = Age(p.DateOfBirth, asOf);
                var use = usage.GetValueOrDefault(p.Id);
                var (ed, admissions) = age >= 1 && utilization.TryGetValue(p.Id, out var u) ? (u.Ed, u.Admissions) : (0, 0);
                var held = conditions[p.Id].Select(c => (c.System, c.Code, c.Display, c.Onset, Group: ChronicConditions.GroupOf(groups, c.System, c.Code))).ToList();
                var chronic = held.Where(c => c.Group is not null).Select(c => c.Group!).Distinct().ToList();
                var social = held.Any(c => c.Group is null && ChronicConditions.Matches(ChronicConditions.Social, c.System, c.Code));
                var distinct = (use?.Providers ?? 0) + (use?.Places ?? 0);

                var met = new List<string>();
                if (chronic.Count >= criteria.MinChronicConditions)
                {
                    met.Add(ScreeningCriterion.ChronicConditions);
                }

                if (age >= criteria.FrailAge && (use?.HomeCare ?? 0) > 0
                    && (chronic.Any(ChronicConditions.FrailtyMajor.Contains) || chronic.Count(ChronicConditions.FrailtyMinor.Contains) >= 2))
                {
                    met.Add(ScreeningCriterion.FrailElderly);
                }

                if (criteria.MeetsUtilization(ed, admissions))
                {
                    met.Add(ScreeningCriterion.Utilization);
                }

                if (criteria.UseSocialComplexity && social)
                {
                    met.Add(ScreeningCriterion.SocialComplexity);
                }

                if (distinct >= criteria.ManyProviders)
                {
                    met.Add(ScreeningCriterion.ManyProviders);
                }

                var evidence = held.Select(c => new Evidence("condition", c.Onset, c.Display, c.Code)).ToList();
                if (lace.TryGetValue(p.Id, out var index))
                {
                    evidence.Insert(0, new Evidence("lace", index.Discharged, $"LACE {index.Lace.Total}: L {index.Lace.LengthOfStay} · A {index.Lace.Acuity} · C {index.Lace.Comorbidity} · E {index.Lace.EdVisits}"));
                }

                results.Add(new Screened(p.Id, healthLink, [], age, ed, admissions, chronic.Count, distinct, met, evidence, !open.Contains(p.Id), last.TryGetValue(p.Id, out var l) ? l : null)
                {
                    Lace = lace.TryGetValue(p.Id, out var found) ? found.Lace : null,
                });
            }

            var sourceIds = (await db.SourceLinks.AsNoTracking().Where(l => l.ResourceType == "Patient" && l.PatientId != null && ids.Contains(l.PatientId.Value))
                    .Select(l => new { l.PatientId, l.SourceId }).ToListAsync(ct))
                .ToLookup(l => l.PatientId!.Value, l => l.SourceId);
            return await WithVisits(db, results.Select(r => r with { SourceIds = sourceIds[r.PatientId].ToList() }).ToList(), start, end, criteria, ct);
        }

        /// <summary>LACE for each patient's latest discharge in the 30 days before the as-of date.</summary>
        private static async Task<Dictionary<PatientId, (Lace Lace, DateOnly Discharged)>> LaceScores(
            HealthLinksDb db, IQueryable<PatientId> ids, DateOnly asOf, Dictionary<PatientId, List<string>> groups, CancellationToken ct)
        {
            var end = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var stays = (await db.Encounters.AsNoTracking()
                    .Where(e => ids.Contains(e.PatientId) && e.Kind == EncounterKind.InpatientStay && e.End != null && e.End >= end.AddDays(-30) && e.End < end)
                    .Select(e => new { e.PatientId, e.Start, End = e.End!.Value }).ToListAsync(ct))
                .GroupBy(s => s.PatientId).Select(g => g.OrderByDescending(s => s.End).First()).ToList();
            if (stays.Count == 0)
            {
                return [];
            }

            var patients = stays.Select(s => s.PatientId).ToList();
            var from = stays.Min(s => s.Start).AddMonths(-6);
            var edVisits = (await db.Encounters.AsNoTracking().Where(e => patients.Contains(e.PatientId) && e.Kind == EncounterKind.EmergencyVisit && e.Start >= from && e.Start < end)
                .Select(e => new { e.PatientId, e.Start }).ToListAsync(ct)).ToLookup(e => e.PatientId, e => e.Start);
            return stays.ToDictionary(s => s.PatientId, s =>
            {
                var visits = edVisits[s.PatientId].ToList();
                var throughEd = visits.Any(v => v <= s.Start && v >= s.Start.AddHours(-24));
                var before = visits.Count(v => v < s.Start.AddHours(-24) && v >= s.Start.AddMonths(-6));
                var days = (int)Math.Ceiling((s.End - s.Start).TotalDays);
                return (Lace.Of(days, throughEd, groups.GetValueOrDefault(s.PatientId, []), before), DateOnly.FromDateTime(s.End));
            });
        }

        /// <summary>The encounters that count toward utilization: pregnancy-related ones are left out.</summary>
        // The database does the comparison (lower() on both SQLite and PostgreSQL), so a StringComparison cannot be used.
#pragma warning disable CA1862
        private static IQueryable<Encounter> Counted(IQueryable<Encounter> window, ScreeningCriteria criteria) =>
            criteria.PregnancyWords.Select(w => w.ToLowerInvariant()).Aggregate(window, (q, word) => q.Where(e => e.Reason == null || !e.Reason.ToLower().Contains(word)));
#pragma warning restore CA1862

        /// <summary>For the patients who met a criterion: the ED visits and admissions behind the counts.</summary>
        private static async Task<List<Screened>> WithVisits(HealthLinksDb db, List<Screened> results, DateTime start, DateTime end, ScreeningCriteria criteria, CancellationToken ct)
        {
            var flagged = results.Where(r => r.Criteria.Count > 0).Select(r => r.PatientId).ToList();
            var visits = new Dictionary<PatientId, List<Evidence>>();
            foreach (var chunk in flagged.Chunk(2000))
            {
                var encounters = await Counted(db.Encounters.AsNoTracking(), criteria)
                    .Where(e => chunk.Contains(e.PatientId) && e.Start >= start && e.Start < end && (e.Kind == EncounterKind.EmergencyVisit || e.Kind == EncounterKind.InpatientStay))
                    .OrderBy(e => e.Start).Select(e => new { e.PatientId, e.Kind, e.Start, e.Reason }).ToListAsync(ct);
                foreach (var e in encounters)
                {
                    visits.TryAdd(e.PatientId, []);
                    visits[e.PatientId].Add(new Evidence(e.Kind == EncounterKind.EmergencyVisit ? "ed-visit" : "admission", DateOnly.FromDateTime(e.Start), e.Reason ?? ""));
                }
            }

            return results.Select(r => r.Criteria.Count == 0 ? r : r with { Evidence = [.. visits.GetValueOrDefault(r.PatientId, []), .. r.Evidence] }).ToList();
        }

        private static int Age(DateOnly born, DateOnly on)
        {
            var age = on.Year - born.Year;
            return born.AddYears(age) > on ? age - 1 : age;
        }
    }
}
