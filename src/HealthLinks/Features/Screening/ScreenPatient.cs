using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Population;
using HealthLinks.Features.Risk;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>
/// Screens one patient at once, between population runs, when something new is known of them (a hospital's message):
/// with their Health Link's rules as of today. A patient who now meets a criterion and has no open episode joins the
/// worklist of the Health Link's latest run, with the event as the source and first piece of evidence.
/// </summary>
internal sealed class ScreenPatient(IDbContextFactory<HealthLinksDb> dbs, PopulationCache cache, TimeProvider clock)
{
    public const string HospitalEvent = "hospital-event";

    public sealed record Command(PatientId PatientId, ScreenPopulation.Evidence Why);

    /// <summary>True when the patient is now a new candidate on the worklist.</summary>
    public async Task<bool> Handle(Command command, CancellationToken ct = default) =>
        (await Handle([command], ct)).Contains(command.PatientId);

    /// <summary>
    /// Several patients at once, with one read of what changed (a backlog of hospital messages costs one patch of the
    /// population, not one per message); a patient named twice is screened once, with the last reason. Returns the new
    /// candidates.
    /// </summary>
    public async Task<IReadOnlySet<PatientId>> Handle(IReadOnlyList<Command> commands, CancellationToken ct = default)
    {
        var news = new HashSet<PatientId>();
        if (commands.Count == 0)
        {
            return news;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var population = await cache.Get(db, ct);
        var why = new Dictionary<PatientId, ScreenPopulation.Evidence>();
        foreach (var command in commands)
        {
            why[command.PatientId] = command.Why;
        }

        var known = why.Keys.Where(p => population.IndexOf(p) is not null).ToList();
        if (known.Count == 0)
        {
            return news;
        }

        var today = Ontario.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = (await db.Enrollments.Where(e => known.Contains(e.PatientId) && e.IsOpen).Select(e => e.PatientId).ToListAsync(ct)).ToHashSet();
        var scorer = await RiskScorer.Latest(db, ct);
        var rulesOf = new Dictionary<Guid, ScreeningRuleSet?>();
        var runOf = new Dictionary<Guid, ScreeningRun>();
        var scratch = new RiskFeatures.Scratch();

        // Screening counts the days before its as-of date (UTC days, as the population holds them): as of tomorrow, so
        // the event just received counts.
        var asOf = DateOnly.FromDateTime(now).AddDays(1);
        var results = new List<ScreeningResult>();
        foreach (var patient in known)
        {
            var index = population.IndexOf(patient)!.Value;
            var healthLink = population.HealthLinkOf[index];
            if (!rulesOf.TryGetValue(healthLink, out var rules))
            {
                rules = rulesOf[healthLink] = await db.ScreeningRuleSets.AsNoTracking().Where(r => r.HealthLinkId == healthLink).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
            }

            var screened = new PatientScreening(population, asOf, rules?.Criteria ?? ScreeningCriteria.Provincial, open, scorer).Screen(index, scratch);
            if (screened.Criteria.Count == 0)
            {
                continue;
            }

            if (!runOf.TryGetValue(healthLink, out var run))
            {
                run = await db.ScreeningRuns.Where(r => r.HealthLinkId == healthLink).OrderByDescending(r => r.RanAt).FirstOrDefaultAsync(ct);
                if (run is null)
                {
                    run = new ScreeningRun(healthLink, today, rules?.Version ?? 0, HospitalEvent, now, 0);
                    db.ScreeningRuns.Add(run);
                }

                runOf[healthLink] = run;
            }

            results.Add(new ScreeningResult(run.Id, patient, screened.EdVisits12m, screened.Admissions12m, screened.ChronicConditions, screened.DistinctProviders,
                screened.Criteria, JsonSerializer.Serialize(screened.Evidence.Prepend(why[patient]), CarePlan.Json), screened.IsNewCandidate)
            {
                Score = screened.Score,
                DriversJson = JsonSerializer.Serialize(screened.Drivers, CarePlan.Json),
                Source = HospitalEvent,
            });
            if (screened.IsNewCandidate)
            {
                news.Add(patient);
            }
        }

        if (results.Count == 0)
        {
            return news;
        }

        var runs = results.Select(r => r.RunId).Distinct().ToList();
        var listed = results.Select(r => r.PatientId).ToList();
        db.ScreeningResults.RemoveRange(await db.ScreeningResults.Where(r => runs.Contains(r.RunId) && listed.Contains(r.PatientId)).ToListAsync(ct));
        db.ScreeningResults.AddRange(results);
        await db.SaveChangesAsync(ct);
        return news;
    }
}
