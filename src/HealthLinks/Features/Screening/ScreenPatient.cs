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
    public async Task<bool> Handle(Command command, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var population = await cache.Get(db, ct);
        if (population.IndexOf(command.PatientId) is not { } index)
        {
            return false;
        }

        var healthLink = population.HealthLinkOf[index];
        var today = Ontario.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await db.ScreeningRuleSets.AsNoTracking().Where(r => r.HealthLinkId == healthLink).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        var isOpen = await db.Enrollments.AnyAsync(e => e.PatientId == command.PatientId && e.IsOpen, ct);
        HashSet<PatientId> open = isOpen ? [command.PatientId] : [];
        // Screening counts the days before its as-of date (UTC days, as the population holds them): as of tomorrow, so
        // the event just received counts.
        var asOf = DateOnly.FromDateTime(now).AddDays(1);
        var screened = new PatientScreening(population, asOf, rules?.Criteria ?? ScreeningCriteria.Provincial, open, await RiskScorer.Latest(db, ct)).Screen(index, new RiskFeatures.Scratch());
        if (screened.Criteria.Count == 0)
        {
            return false;
        }

        var run = await db.ScreeningRuns.Where(r => r.HealthLinkId == healthLink).OrderByDescending(r => r.RanAt).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            run = new ScreeningRun(healthLink, today, rules?.Version ?? 0, HospitalEvent, now, 0);
            db.ScreeningRuns.Add(run);
        }

        db.ScreeningResults.RemoveRange(await db.ScreeningResults.Where(r => r.RunId == run.Id && r.PatientId == command.PatientId).ToListAsync(ct));
        db.ScreeningResults.Add(new ScreeningResult(run.Id, command.PatientId, screened.EdVisits12m, screened.Admissions12m, screened.ChronicConditions, screened.DistinctProviders,
            screened.Criteria, JsonSerializer.Serialize(screened.Evidence.Prepend(command.Why), CarePlan.Json), screened.IsNewCandidate)
        {
            Score = screened.Score,
            DriversJson = JsonSerializer.Serialize(screened.Drivers, CarePlan.Json),
            Source = HospitalEvent,
        });
        await db.SaveChangesAsync(ct);
        return screened.IsNewCandidate;
    }
}
