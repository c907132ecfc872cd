using System.Collections.Concurrent;
using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Population;
using HealthLinks.Features.Risk;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>
/// Screens each Health Link's population as of a date with that Health Link's rules: chronic conditions, frail elderly,
/// utilization, social complexity, many providers. It reads the population held in memory (<see cref="PopulationSnapshot"/>)
/// on every core, one pass over each patient's encounters, so a region of a million patients screens in about a second
/// or two once loaded (bench/README.md). Each run is recorded with its rule version and its candidates.
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

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PopulationCache cache, TimeProvider clock)
    {
        public async Task<Result<Outcome>> Handle(Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var healthLinks = await db.HealthLinks.AsNoTracking().Where(h => command.HealthLinkId == null || h.Id == command.HealthLinkId).Select(h => h.Id).ToListAsync(ct);
            if (healthLinks.Count == 0)
            {
                return Result<Outcome>.Failed("HealthLinkId", Rules.NotFound, "no such Health Link");
            }

            var population = await cache.Get(db, ct);
            var scorer = await RiskScorer.Latest(db, ct);
            var open = (await db.Enrollments.AsNoTracking().Where(e => e.IsOpen).Select(e => e.PatientId).ToListAsync(ct)).ToHashSet();
            var versions = new Dictionary<Guid, int>();
            var everyone = new List<Screened>();
            foreach (var healthLink in healthLinks)
            {
                var rules = await db.ScreeningRuleSets.AsNoTracking().Where(r => r.HealthLinkId == healthLink).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
                versions[healthLink] = rules?.Version ?? 0;
                var screened = Screen(new PatientScreening(population, command.AsOf, rules?.Criteria ?? ScreeningCriteria.Provincial, open, scorer), healthLink);
                everyone.AddRange(screened);
                if (command.Record)
                {
                    var run = new ScreeningRun(healthLink, command.AsOf, versions[healthLink], command.By, clock.GetUtcNow().UtcDateTime, screened.Length);
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

            return new Outcome(command.AsOf, versions, everyone, scorer?.Model);
        }

        /// <summary>Every living patient of the Health Link as of the date, in the snapshot's order, screened on every core.</summary>
        private static Screened[] Screen(PatientScreening screening, Guid healthLink)
        {
            var members = screening.Members(healthLink);
            var results = new Screened[members.Length];
            if (members.Length > 0)
            {
                Parallel.ForEach(Partitioner.Create(0, members.Length, 4096), () => new RiskFeatures.Scratch(), (range, _, scratch) =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        results[i] = screening.Screen(members[i], scratch);
                    }

                    return scratch;
                }, _ => { });
            }

            return results;
        }
    }
}
