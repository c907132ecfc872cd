namespace HealthLinks.Features.Reports;

/// <summary>
/// Small-cell suppression for aggregates that leave the Health Link: any count from 1 to 4 is withheld, and so is any
/// share, median or rate computed over 1 to 4. Where cells add up to a total (sources to "identified", Health Links to
/// the region), one withheld cell could be worked out from the others: a second cell is withheld too, the smallest
/// non-zero one, until no withheld cell can be worked out by subtraction.
/// </summary>
public static class Suppression
{
    public static bool IsSmall(double value) => value is >= 1 and <= 4;

    /// <summary>A cell, and the sums it takes part in; returns the keys withheld.</summary>
    public static HashSet<TKey> Apply<TKey>(IReadOnlyDictionary<TKey, Figure> cells, IEnumerable<(TKey Total, IReadOnlyList<TKey> Parts)> sums)
        where TKey : notnull
    {
        var withheld = cells.Where(c => Primary(c.Value)).Select(c => c.Key).ToHashSet();
        var groups = sums.Select(s => (IReadOnlyList<TKey>)[s.Total, .. s.Parts]).Where(g => g.All(cells.ContainsKey)).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var group in groups)
            {
                if (group.Count(withheld.Contains) != 1)
                {
                    continue;
                }

                // The parts first (the total is what readers most need), the smallest non-zero, so as little as possible is lost.
                var candidates = group.Skip(1).Append(group[0])
                    .Where(k => !withheld.Contains(k) && cells[k].Value is > 0)
                    .OrderBy(k => k.Equals(group[0]) ? 1 : 0).ThenBy(k => cells[k].Value)
                    .Take(1).ToList();
                if (candidates.Count == 1)
                {
                    withheld.Add(candidates[0]);
                    changed = true;
                }
            }
        }
        while (changed);

        return withheld;
    }

    private static bool Primary(Figure figure) => figure.Kind switch
    {
        FigureKind.Count => figure.Value is { } v && IsSmall(v),
        FigureKind.Target => false,
        _ => figure.Value is not null && IsSmall(figure.Basis),
    };
}
