namespace HealthLinks.Features.Risk;

/// <summary>
/// How far the model's probabilities can be trusted, measured on the held-out patients: predicted against observed by
/// decile and by risk band, the Brier score, and the Brier score of predicting the prior rate for everyone (a model
/// worth showing beats it). The worklist shows a band and a rank, with the band's observed rate, not a bare percentage.
/// </summary>
public sealed record RiskCalibration(double Prior, double Brier, double BaselineBrier, IReadOnlyList<RiskCalibration.Group> Deciles, IReadOnlyList<RiskCalibration.Group> Bands)
{
    /// <summary>The patients in one decile or band: how many, the mean predicted probability, the share that were top-cost.</summary>
    public sealed record Group(string Name, int Patients, double Predicted, double Observed);

    public enum Band
    {
        Low,
        Moderate,
        High,
        VeryHigh,
    }

    /// <summary>The band's lower bounds: the prior rate is 5%, so "moderate" starts there and "very high" at even odds.</summary>
    public static Band BandOf(double probability) => probability switch
    {
        >= 0.5 => Band.VeryHigh,
        >= 0.2 => Band.High,
        >= 0.05 => Band.Moderate,
        _ => Band.Low,
    };

    public static RiskCalibration Measure(IReadOnlyList<(double Predicted, bool Observed)> heldOut, double prior)
    {
        var n = heldOut.Count;
        var brier = heldOut.Average(x => Square(x.Predicted - (x.Observed ? 1 : 0)));
        var baseline = heldOut.Average(x => Square(prior - (x.Observed ? 1 : 0)));
        var sorted = heldOut.OrderBy(x => x.Predicted).ToList();
        var deciles = Enumerable.Range(0, 10)
            .Select(d => (d, Rows: sorted.Skip(d * n / 10).Take(((d + 1) * n / 10) - (d * n / 10)).ToList()))
            .Where(x => x.Rows.Count > 0)
            .Select(x => Summarize($"{x.d + 1}", x.Rows))
            .ToList();
        var bands = Enum.GetValues<Band>()
            .Select(b => (b, Rows: heldOut.Where(x => BandOf(x.Predicted) == b).ToList()))
            .Select(x => x.Rows.Count == 0 ? new Group(x.b.ToString(), 0, 0, 0) : Summarize(x.b.ToString(), x.Rows))
            .ToList();
        return new RiskCalibration(prior, brier, baseline, deciles, bands);
    }

    /// <summary>The observed rate in a band on the held-out patients, if any fell in it.</summary>
    public Group? Of(Band band) => Bands.FirstOrDefault(b => b.Name == band.ToString() && b.Patients > 0);

    private static Group Summarize(string name, List<(double Predicted, bool Observed)> rows) =>
        new(name, rows.Count, rows.Average(r => r.Predicted), rows.Count(r => r.Observed) / (double)rows.Count);

    private static double Square(double x) => x * x;
}
