using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Risk;

/// <summary>
/// What the cost-risk model learns from, per patient, over a 12-month window: age, sex, condition groups, ED visits,
/// admissions, acute days, distinct providers and cost. Cost comes from imported claims; a patient with none (the demo
/// population) gets an estimate from their encounters at typical Ontario unit costs.
/// </summary>
public static class RiskFeatures
{
    public const int Count = 7 + 19;

    public static IReadOnlyList<string> Names { get; } =
        ["age", "female", "ed-visits", "admissions", "acute-days", "distinct-providers", "prior-cost", .. ChronicConditions.Default.Select(g => g.Key)];

    /// <summary>Estimated unit costs in CAD, used only when a patient has no cost records.</summary>
    private const double EdVisit = 450, InpatientDay = 1100, Ambulatory = 120, HomeCare = 90, OtherVisit = 60;

    public sealed record Window(DateTime From, DateTime To);

    public static async Task<Dictionary<PatientId, float[]>> Compute(HealthLinksDb db, IReadOnlyCollection<PatientId> patients, Window window, CancellationToken ct)
    {
        var rows = new Dictionary<PatientId, float[]>(patients.Count);
        var asOf = DateOnly.FromDateTime(window.To);
        var groups = ChronicConditions.Default;
        foreach (var chunk in patients.Chunk(5000))
        {
            var people = await db.Patients.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.DateOfBirth, p.Sex }).ToListAsync(ct);
            var encounters = (await db.Encounters.AsNoTracking().Where(e => chunk.Contains(e.PatientId) && e.Start >= window.From && e.Start < window.To)
                .Select(e => new { e.PatientId, e.Kind, e.Start, e.End, e.ProviderId, e.FacilityId }).ToListAsync(ct)).ToLookup(e => e.PatientId);
            var costs = await Costs(db, chunk, window, ct);
            var conditions = (await db.Conditions.AsNoTracking().Where(c => chunk.Contains(c.PatientId) && (c.Onset == null || c.Onset < asOf))
                .Select(c => new { c.PatientId, c.System, c.Code }).ToListAsync(ct)).ToLookup(c => c.PatientId);
            foreach (var p in people)
            {
                var mine = encounters[p.Id].ToList();
                var values = new float[Count];
                values[0] = Age(p.DateOfBirth, asOf);
                values[1] = p.Sex == AdministrativeSex.Female ? 1 : 0;
                values[2] = mine.Count(e => e.Kind == EncounterKind.EmergencyVisit);
                values[3] = mine.Count(e => e.Kind == EncounterKind.InpatientStay);
                values[4] = (float)mine.Where(e => e.Kind == EncounterKind.InpatientStay).Sum(e => Days(e.Start, e.End));
                values[5] = mine.Where(e => e.ProviderId != null).Select(e => e.ProviderId).Distinct().Count() + mine.Where(e => e.FacilityId != null).Select(e => e.FacilityId).Distinct().Count();
                values[6] = (float)Math.Log(1 + costs.GetValueOrDefault(p.Id));
                var held = conditions[p.Id].Select(c => ChronicConditions.GroupOf(groups, c.System, c.Code)).Where(g => g is not null).ToHashSet();
                for (var i = 0; i < groups.Count; i++)
                {
                    values[7 + i] = held.Contains(groups[i].Key) ? 1 : 0;
                }

                rows[p.Id] = values;
            }
        }

        return rows;
    }

    /// <summary>Each patient's cost in the window: their claims, or an estimate from their encounters when they have no cost records at all.</summary>
    public static async Task<Dictionary<PatientId, double>> Costs(HealthLinksDb db, IReadOnlyCollection<PatientId> patients, Window window, CancellationToken ct)
    {
        var billed = (await db.CostRecords.AsNoTracking().Where(c => patients.Contains(c.PatientId)).Select(c => c.PatientId).Distinct().ToListAsync(ct)).ToHashSet();
        var claims = (await db.CostRecords.AsNoTracking().Where(c => patients.Contains(c.PatientId) && c.Kind == CostKind.Claim && c.At >= window.From && c.At < window.To)
                .Select(c => new { c.PatientId, c.Amount }).ToListAsync(ct))
            .GroupBy(c => c.PatientId).ToDictionary(g => g.Key, g => (double)g.Sum(c => c.Amount));
        var estimated = (await db.Encounters.AsNoTracking().Where(e => patients.Contains(e.PatientId) && e.Start >= window.From && e.Start < window.To)
                .Select(e => new { e.PatientId, e.Kind, e.Start, e.End }).ToListAsync(ct))
            .Where(e => !billed.Contains(e.PatientId))
            .GroupBy(e => e.PatientId).ToDictionary(g => g.Key, g => g.Sum(e => Estimate(e.Kind, e.Start, e.End)));
        return patients.ToDictionary(p => p, p => billed.Contains(p) ? claims.GetValueOrDefault(p) : estimated.GetValueOrDefault(p));
    }

    private static double Estimate(EncounterKind kind, DateTime start, DateTime? end) => kind switch
    {
        EncounterKind.EmergencyVisit => EdVisit,
        EncounterKind.InpatientStay => InpatientDay * Days(start, end),
        EncounterKind.AmbulatoryVisit => Ambulatory,
        EncounterKind.HomeCareVisit => HomeCare,
        _ => OtherVisit,
    };

    private static double Days(DateTime start, DateTime? end) => Math.Max(1, Math.Ceiling(((end ?? start) - start).TotalDays));

    private static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (born.AddYears(on.Year - born.Year) > on ? 1 : 0);
}
