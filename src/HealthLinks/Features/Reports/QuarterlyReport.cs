using HealthLinks.Data;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Reports;

/// <summary>
/// The quarterly process report: each figure for the quarter asked and the four before it, for a Health Link, or for
/// a region and each of its Health Links (for analysts, with small cells withheld across all of them at once, so no
/// table can be subtracted from another to find one).
/// </summary>
public static class QuarterlyReport
{
    /// <summary>A figure's value in one quarter; <see cref="Withheld"/> when it is a small count an analyst may not see.</summary>
    public sealed record Cell(double? Value, bool Withheld);

    public sealed record Row(string Figure, FigureKind Kind, IReadOnlyList<Cell> Cells);

    /// <summary>The figures of one Health Link, or of the region (<see cref="HealthLinkId"/> null).</summary>
    public sealed record Table(Guid? HealthLinkId, string Name, IReadOnlyList<Row> Rows);

    /// <summary>The quarters, oldest first (the last is the one asked for), and the tables: the region's first when there are several.</summary>
    public sealed record Report(Quarter Quarter, IReadOnlyList<Quarter> Quarters, string Region, bool Suppressed, IReadOnlyList<Table> Tables);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, ReportHistories histories, AuditTrail audit)
    {
        public async Task<Result<Report>> Handle(Viewer viewer, Quarter quarter, CancellationToken ct = default)
        {
            ReportScope? scope;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                scope = await ReportScope.Of(db, viewer, ct);
            }

            if (scope is null)
            {
                return Result<Report>.Failed([ReportScope.Refusal]);
            }

            var quarters = quarter.WithPreviousFour();
            var loaded = await histories.Load([.. scope.HealthLinks.Select(h => h.Id)], quarters[0], quarters[^1], ct);
            var report = Build(scope, quarter, quarters, loaded);
            await ReportScope.Audit(audit, viewer, $"Quarterly report {quarter}", ct);
            return report;
        }

        /// <summary>The tables from the histories: the region's pooled (when there are several Health Links), then each Health Link's.</summary>
        public static Report Build(ReportScope scope, Quarter quarter, IReadOnlyList<Quarter> quarters, IReadOnlyDictionary<Guid, ReportHistory> loaded)
        {
            var tables = new List<(Guid? Id, string Name, ReportHistory History)>();
            if (scope.HealthLinks.Count > 1)
            {
                tables.Add((null, scope.RegionName, ReportHistory.Pool([.. loaded.Values])));
            }

            tables.AddRange(scope.HealthLinks.Select(h => ((Guid?)h.Id, h.Name, loaded[h.Id])));
            var figures = tables.Select(t => quarters.Select(q => QuarterlyFigures.Compute(t.History, q)).ToList()).ToList();

            var cells = new Dictionary<(int Table, string Figure, int Quarter), Figure>();
            for (var t = 0; t < tables.Count; t++)
            {
                for (var q = 0; q < quarters.Count; q++)
                {
                    foreach (var (name, figure) in figures[t][q])
                    {
                        cells[(t, name, q)] = figure;
                    }
                }
            }

            var withheld = scope.Suppressed ? Suppression.Apply(cells, Sums(tables.Count, quarters.Count, regionFirst: scope.HealthLinks.Count > 1)) : [];
            var result = tables.Select((t, ti) => new Table(t.Id, t.Name, [.. QuarterlyFigures.Order.Select(name => new Row(name, figures[ti][0][name].Kind,
                [.. quarters.Select((_, qi) => withheld.Contains((ti, name, qi)) ? new Cell(null, true) : new Cell(figures[ti][qi][name].Value, false))]))])).ToList();
            return new Report(quarter, quarters, scope.RegionName, scope.Suppressed, result);
        }

        /// <summary>The sums a reader could subtract: each total and its parts, in every table; each count, region against its Health Links.</summary>
        private static IEnumerable<((int, string, int) Total, IReadOnlyList<(int, string, int)> Parts)> Sums(int tables, int quarters, bool regionFirst)
        {
            for (var q = 0; q < quarters; q++)
            {
                for (var t = 0; t < tables; t++)
                {
                    foreach (var (total, parts) in QuarterlyFigures.Sums)
                    {
                        yield return ((t, total, q), [.. parts.Select(p => (t, p, q))]);
                    }
                }

                if (regionFirst)
                {
                    foreach (var name in QuarterlyFigures.Additive)
                    {
                        yield return ((0, name, q), [.. Enumerable.Range(1, tables - 1).Select(t => (t, name, q))]);
                    }
                }
            }
        }
    }
}
