namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>
/// The effect of enrollment on an event count (emergency visits, admissions...) in matched pairs, each followed for the
/// same time before and after: the difference-in-differences of rates per patient-year, and the rate ratio
/// (after/before among the enrolled, over after/before among the controls) with its 95% interval, from the four
/// Poisson totals (the log rate ratio's standard error is the square root of the sum of their inverses).
/// </summary>
public sealed record Effect(int Pairs, double EnrolledBefore, double EnrolledAfter, double ControlBefore, double ControlAfter,
    double DifferenceInDifferences, double RateRatio, double Lower, double Upper, bool TooSmall)
{
    /// <summary>Fewer pairs, or fewer events in any of the four cells, and the report says it cannot conclude.</summary>
    public const int MinimumPairs = 30;
    public const int MinimumEvents = 10;

    /// <summary>The effect on one measure; <paramref name="counts"/> false for an amount (cost), which gets no rate-ratio interval.</summary>
    public static Effect Of(IReadOnlyList<Matching.Pair> pairs, string measure, double yearsEachSide, bool counts = true)
    {
        var patientYears = pairs.Count * yearsEachSide;
        double Total(Func<Matching.Pair, double> amount) => pairs.Sum(amount);
        var (tb, ta) = (Total(p => p.Enrolled.Measures[measure].Before), Total(p => p.Enrolled.Measures[measure].After));
        var (cb, ca) = (Total(p => p.Control.Measures[measure].Before), Total(p => p.Control.Measures[measure].After));
        double Rate(double events) => patientYears == 0 ? 0 : events / patientYears;
        var tooSmall = pairs.Count < MinimumPairs || (counts && new[] { tb, ta, cb, ca }.Any(n => n < MinimumEvents));
        var (ratio, lower, upper) = (double.NaN, double.NaN, double.NaN);
        if (counts && new[] { tb, ta, cb, ca }.All(n => n > 0))
        {
            var log = Math.Log(ta / tb) - Math.Log(ca / cb);
            var se = Math.Sqrt((1 / tb) + (1 / ta) + (1 / cb) + (1 / ca));
            (ratio, lower, upper) = (Math.Exp(log), Math.Exp(log - (1.96 * se)), Math.Exp(log + (1.96 * se)));
        }

        return new Effect(pairs.Count, Rate(tb), Rate(ta), Rate(cb), Rate(ca), (Rate(ta) - Rate(tb)) - (Rate(ca) - Rate(cb)), ratio, lower, upper, tooSmall);
    }
}
