namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>One patient in the outcome analysis: their Health Link, covariates at the index date (enrollment, or identification for the comparison group), and each measure before and after it.</summary>
public sealed record Subject(Guid HealthLinkId, bool Enrolled, double[] Covariates, IReadOnlyDictionary<string, (double Before, double After)> Measures);

/// <summary>
/// Nearest-neighbour matching on the propensity score's logit, one control per enrolled patient, without replacement,
/// exactly within a Health Link, and only within a caliper (by default 0.2 standard deviations of the logit, the usual
/// choice). Enrolled patients are taken from the highest score down, the hardest to match first.
/// </summary>
public static class Matching
{
    public sealed record Pair(Subject Enrolled, Subject Control, double Distance);

    public static IReadOnlyList<Pair> Nearest(IReadOnlyList<Subject> subjects, Propensity propensity, double caliperInSds = 0.2)
    {
        var logits = subjects.ToDictionary(s => s, s => propensity.Logit(s.Covariates), ReferenceEqualityComparer.Instance as IEqualityComparer<Subject>);
        var all = logits.Values.ToList();
        var mean = all.Average();
        var caliper = caliperInSds * Math.Sqrt(all.Average(v => (v - mean) * (v - mean)));
        var pairs = new List<Pair>();
        foreach (var group in subjects.GroupBy(s => s.HealthLinkId))
        {
            // Controls sorted by logit, so each enrolled patient's nearest is found by binary search.
            var controls = group.Where(s => !s.Enrolled).OrderBy(s => logits[s]).ToList();
            var keys = controls.Select(s => logits[s]).ToList();
            var used = new bool[controls.Count];
            foreach (var treated in group.Where(s => s.Enrolled).OrderByDescending(s => logits[s]))
            {
                var target = logits[treated];
                var at = keys.BinarySearch(target);
                at = at < 0 ? ~at : at;
                var left = at - 1;
                while (left >= 0 && used[left])
                {
                    left--;
                }

                var right = at;
                while (right < controls.Count && used[right])
                {
                    right++;
                }

                var toLeft = left >= 0 ? target - keys[left] : double.MaxValue;
                var toRight = right < controls.Count ? keys[right] - target : double.MaxValue;
                var best = toLeft <= toRight ? left : right;
                if (best >= 0 && best < controls.Count && Math.Abs(keys[best] - target) <= caliper)
                {
                    used[best] = true;
                    pairs.Add(new Pair(treated, controls[best], Math.Abs(keys[best] - target)));
                }
            }
        }

        return pairs;
    }

    /// <summary>The standardized difference of one covariate between the groups: below 0.1 is the usual mark of balance.</summary>
    public static double StandardizedDifference(IReadOnlyList<double> enrolled, IReadOnlyList<double> controls)
    {
        var (mt, mc) = (enrolled.Average(), controls.Average());
        var vt = enrolled.Average(v => (v - mt) * (v - mt));
        var vc = controls.Average(v => (v - mc) * (v - mc));
        var pooled = Math.Sqrt((vt + vc) / 2);
        return pooled < 1e-12 ? 0 : (mt - mc) / pooled;
    }
}
