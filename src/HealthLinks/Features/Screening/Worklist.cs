using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Risk;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>The candidates of the latest screening run of each Health Link, with why they are listed and what was decided about them.</summary>
public static class Worklist
{
    public enum State
    {
        New,
        Assigned,
        Dismissed,
    }

    public sealed record Row(
        PatientId PatientId, string Name, int Age, IReadOnlyList<string> Criteria, float? Score, IReadOnlyList<RiskScorer.Driver> Drivers, int EdVisits12m, int Admissions12m,
        int ChronicConditions, int DistinctProviders, DateTime? LastEncounter, IReadOnlyList<ScreenPopulation.Evidence> Evidence, State State, string? AssignedTo, string? DismissedReason);

    public sealed record RunInfo(DateOnly AsOf, int RuleVersion, DateTime RanAt, int Screened);

    public sealed record View(IReadOnlyList<RunInfo> Runs, RiskScorer.ModelInfo? Model, IReadOnlyList<Row> Rows);

    public sealed record Coordinator(ProviderId Id, string Name);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access)
    {
        /// <summary>
        /// The candidates of the Health Link the user works for (none when they work for none), less what consent
        /// directives withhold from them: a whole record leaves the list, mental health leaves the evidence. Audited as a list view.
        /// </summary>
        public async Task<View> Handle(Infrastructure.Privacy.Viewer viewer, CancellationToken ct = default)
        {
            var view = await Handle(viewer.HealthLinkId, ct);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var ids = view.Rows.Select(r => r.PatientId).ToList();
            var directives = (await db.ConsentDirectives.AsNoTracking().Where(d => ids.Contains(d.PatientId) && d.EndedAt == null).ToListAsync(ct)).ToLookup(d => d.PatientId);
            var organization = viewer.ProviderId is { } me ? await db.Providers.Where(p => p.Id == me).Select(p => (Guid?)p.OrganizationId).FirstOrDefaultAsync(ct) : null;
            var rows = new List<Row>();
            foreach (var row in view.Rows)
            {
                var withheld = Domain.Privacy.AccessRule.WithheldBy(directives[row.PatientId], onCareTeam: false, viewer.ProviderId, organization);
                if (withheld.HasFlag(Domain.Privacy.WithheldParts.WholeRecord))
                {
                    continue;
                }

                rows.Add(withheld.HasFlag(Domain.Privacy.WithheldParts.MentalHealthAndAddictions) ? row with { Evidence = [.. row.Evidence.Where(e => !IsMentalHealth(e)).Select(e => e.Kind is "ed-visit" or "admission" ? e with { What = "" } : e)] } : row);
            }

            await access.Listed(viewer, rows.Select(r => r.PatientId), "Worklist", ct);
            return view with { Rows = rows };
        }

        private static bool IsMentalHealth(ScreenPopulation.Evidence e) =>
            e.Kind == "condition" && e.Code is { } code && (Domain.Privacy.SensitiveCategories.IsMentalHealth(CodeSystem.Icd10Ca, code) || Domain.Privacy.SensitiveCategories.IsMentalHealth(CodeSystem.SnomedCt, code));

        /// <summary>The Health Link's candidates as screening left them, before any viewer's directives.</summary>
        private async Task<View> Handle(Guid? healthLinkId, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var latest = await db.ScreeningRuns.AsNoTracking().Where(r => r.HealthLinkId == healthLinkId).GroupBy(r => r.HealthLinkId)
                .Select(g => g.OrderByDescending(r => r.RanAt).First()).ToListAsync(ct);
            var runIds = latest.Select(r => r.Id).ToList();
            var asOf = latest.ToDictionary(r => r.Id, r => r.AsOf);
            var results = await db.ScreeningResults.AsNoTracking().Where(r => runIds.Contains(r.RunId) && r.IsNewCandidate).ToListAsync(ct);
            var ids = results.Select(r => r.PatientId).ToList();
            var people = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth }).ToDictionaryAsync(p => p.Id, ct);
            var decisions = await db.WorklistEntries.AsNoTracking().Where(w => ids.Contains(w.PatientId)).ToDictionaryAsync(w => w.PatientId, ct);
            var coordinators = await db.Providers.AsNoTracking().Where(p => p.Profession == Profession.CareCoordinator).ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, ct);
            var last = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.PatientId)).GroupBy(e => e.PatientId)
                .Select(g => new { g.Key, Last = g.Max(e => e.Start) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
            var rows = results.Select(r =>
            {
                var p = people[r.PatientId];
                var d = decisions.GetValueOrDefault(r.PatientId);
                var state = d?.DismissedAt is not null ? State.Dismissed : d?.AssignedTo is not null ? State.Assigned : State.New;
                return new Row(r.PatientId, $"{p.FamilyName}, {p.GivenName}", Age(p.DateOfBirth, asOf[r.RunId]), r.Criteria.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Score,
                    JsonSerializer.Deserialize<List<RiskScorer.Driver>>(r.DriversJson, CarePlan.Json) ?? [], r.EdVisits12m, r.Admissions12m, r.ChronicConditions, r.DistinctProviders,
                    last.TryGetValue(r.PatientId, out var l) ? l : null, JsonSerializer.Deserialize<List<ScreenPopulation.Evidence>>(r.EvidenceJson, CarePlan.Json) ?? [],
                    state, d?.AssignedTo is { } to ? coordinators.GetValueOrDefault(to) : null, d?.DismissedReason);
            }).OrderByDescending(r => r.Score ?? 0).ThenByDescending(r => r.Criteria.Count).ToList();
            var model = await db.RiskModels.AsNoTracking().OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct) is { } latestModel ? RiskScorer.ModelInfo.Of(latestModel) : null;
            return new View(latest.Select(r => new RunInfo(r.AsOf, r.RuleVersion, r.RanAt, r.Screened)).ToList(), model, rows);
        }

        public async Task<IReadOnlyList<Coordinator>> Coordinators(CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Providers.AsNoTracking().Where(p => p.Profession == Profession.CareCoordinator).OrderBy(p => p.FamilyName)
                .Select(p => new Coordinator(p.Id, p.GivenName + " " + p.FamilyName)).ToListAsync(ct);
        }

        private static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (born.AddYears(on.Year - born.Year) > on ? 1 : 0);
    }
}
