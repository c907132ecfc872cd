namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>How an outcome is measured, and so what its interval is about.</summary>
public enum EffectKind
{
    /// <summary>Events per patient-year; the interval is the rate ratio's.</summary>
    Rate,

    /// <summary>An amount (cost) per patient-year; the interval is the difference-in-differences'.</summary>
    Amount,

    /// <summary>A percentage of events (discharges followed up); the interval is the difference-in-differences', in points.</summary>
    Share,
}

/// <summary>
/// The effect of enrollment on one measure in matched pairs, each followed for the same time before and after. For
/// event counts: the difference-in-differences of rates per patient-year and the rate ratio (after/before among the
/// enrolled, over after/before among the controls) with its 95% interval from the four Poisson totals (the log rate
/// ratio's standard error is the square root of the sum of their inverses). For amounts: the difference-in-differences
/// with a 95% interval from the pairs' own differences. For shares: the difference in percentage points, with a 95%
/// interval from the four proportions' variances.
/// </summary>
public sealed record Effect(EffectKind Kind, int Pairs, double EnrolledBefore, double EnrolledAfter, double ControlBefore, double ControlAfter,
    double DifferenceInDifferences, double RateRatio, double Lower, double Upper, bool TooSmall)
{
    /// <summary>Fewer pairs, or fewer events in any of the four cells, and the report says it cannot conclude.</summary>
    public const int MinimumPairs = 30;
    public const int MinimumEvents = 10;

    /// <summary>The effect on one measure: event counts (<paramref name="counts"/>) or an amount such as cost.</summary>
    public static Effect Of(IReadOnlyList<Matching.Pair> pairs, string measure, double yearsEachSide, bool counts = true)
    {
        var patientYears = pairs.Count * yearsEachSide;
        double Total(Func<Matching.Pair, double> amount) => pairs.Sum(amount);
        var (tb, ta) = (Total(p => p.Enrolled.Measures[measure].Before), Total(p => p.Enrolled.Measures[measure].After));
        var (cb, ca) = (Total(p => p.Control.Measures[measure].Before), Total(p => p.Control.Measures[measure].After));
        double Rate(double events) => patientYears == 0 ? 0 : events / patientYears;
        var difference = (Rate(ta) - Rate(tb)) - (Rate(ca) - Rate(cb));
        var tooSmall = pairs.Count < MinimumPairs || (counts && new[] { tb, ta, cb, ca }.Any(n => n < MinimumEvents));
        var (ratio, lower, upper) = (double.NaN, double.NaN, double.NaN);
        if (counts && new[] { tb, ta, cb, ca }.All(n => n > 0))
        {
            var log = Math.Log(ta / tb) - Math.Log(ca / cb);
            var se = Math.Sqrt((1 / tb) + (1 / ta) + (1 / cb) + (1 / ca));
            (ratio, lower, upper) = (Math.Exp(log), Math.Exp(log - (1.96 * se)), Math.Exp(log + (1.96 * se)));
        }
        else if (!counts && pairs.Count > 1)
        {
            // Each pair's own difference-in-differences, per patient-year: its mean is the estimate, its spread the interval.
            var each = pairs.Select(p => ((p.Enrolled.Measures[measure].After - p.Enrolled.Measures[measure].Before) - (p.Control.Measures[measure].After - p.Control.Measures[measure].Before)) / yearsEachSide).ToList();
            var mean = each.Average();
            var se = Math.Sqrt(each.Sum(d => (d - mean) * (d - mean)) / (each.Count - 1) / each.Count);
            (lower, upper) = (mean - (1.96 * se), mean + (1.96 * se));
        }

        return new Effect(counts ? EffectKind.Rate : EffectKind.Amount, pairs.Count, Rate(tb), Rate(ta), Rate(cb), Rate(ca), difference, ratio, lower, upper, tooSmall);
    }

    /// <summary>The share of <paramref name="denominator"/> events that were also <paramref name="numerator"/> events, before and after, in percent.</summary>
    public static Effect Share(IReadOnlyList<Matching.Pair> pairs, string numerator, string denominator)
    {
        (double Part, double Whole) Sum(Func<Matching.Pair, Subject> who, bool after) => (
            pairs.Sum(p => after ? who(p).Measures[numerator].After : who(p).Measures[numerator].Before),
            pairs.Sum(p => after ? who(p).Measures[denominator].After : who(p).Measures[denominator].Before));
        var cells = new[] { Sum(p => p.Enrolled, false), Sum(p => p.Enrolled, true), Sum(p => p.Control, false), Sum(p => p.Control, true) };
        double Percent((double Part, double Whole) c) => c.Whole == 0 ? double.NaN : 100 * c.Part / c.Whole;
        var (tb, ta, cb, ca) = (Percent(cells[0]), Percent(cells[1]), Percent(cells[2]), Percent(cells[3]));
        var difference = (ta - tb) - (ca - cb);
        var se = Math.Sqrt(cells.Sum(c => c.Whole == 0 ? double.NaN : Percent(c) * (100 - Percent(c)) / c.Whole));
        var tooSmall = pairs.Count < MinimumPairs || cells.Any(c => c.Whole < MinimumEvents);
        return new Effect(EffectKind.Share, pairs.Count, tb, ta, cb, ca, difference, double.NaN, difference - (1.96 * se), difference + (1.96 * se), tooSmall);
    }
}
