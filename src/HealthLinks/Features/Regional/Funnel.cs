using MathNet.Numerics.Statistics;

namespace HealthLinks.Features.Regional;

/// <summary>Where a provider sits on a funnel plot: inside the 95% limits, between the 95% and 99.8% limits, or beyond 99.8%.</summary>
public enum FunnelBand
{
    Within,
    Beyond95,
    Beyond998,
}

public sealed record FunnelPoint(Guid Organization, string Name, double Volume, double Rate, FunnelBand Band);

/// <summary>
/// A funnel plot (Spiegelhalter, 2005): each provider's rate (a mean per individual, or per visit) against its volume,
/// with limits around the providers' median rate θ that narrow as volume grows: θ ± z·σ/√n. What a small provider's rate does by
/// chance stays inside; only what volume cannot explain falls outside. σ, the spread of one individual's value, is not
/// in the files: it is estimated from the providers themselves, robustly (1.4826 × the median absolute deviation of
/// (rateᵢ − θ)·√nᵢ), so the outliers it is meant to find do not widen their own limits.
/// </summary>
public sealed record Funnel(string Measure, double Centre, double Sigma, IReadOnlyList<FunnelPoint> Points)
{
    /// <summary>Two-sided 95% and 99.8% normal quantiles.</summary>
    public const double Z95 = 1.959964, Z998 = 3.090232;

    /// <summary>Fewer providers than this give no limits: the spread cannot be estimated.</summary>
    public const int MinimumProviders = 3;

    public bool HasLimits => Sigma > 0 && double.IsFinite(Sigma);

    public (double Low, double High) Limits(double volume, double z) =>
        HasLimits && volume > 0 ? (Centre - (z * Sigma / Math.Sqrt(volume)), Centre + (z * Sigma / Math.Sqrt(volume))) : (double.NaN, double.NaN);

    public static Funnel Of(string measure, IReadOnlyList<(Guid Organization, string Name, double Volume, double Rate)> providers)
    {
        var points = providers.Where(p => p.Volume > 0 && double.IsFinite(p.Rate)).ToList();
        if (points.Count == 0)
        {
            return new(measure, double.NaN, double.NaN, []);
        }

        // The providers' median, not the pooled mean: a large outlier would pull a mean towards itself and hide.
        var centre = points.Select(p => p.Rate).Median();
        var sigma = points.Count < MinimumProviders ? double.NaN : Scale([.. points.Select(p => (p.Rate - centre) * Math.Sqrt(p.Volume))]);
        var funnel = new Funnel(measure, centre, sigma, []);
        return funnel with { Points = [.. points.Select(p => new FunnelPoint(p.Organization, p.Name, p.Volume, p.Rate, funnel.BandOf(p.Volume, p.Rate)))] };
    }

    public FunnelBand BandOf(double volume, double rate)
    {
        if (!HasLimits)
        {
            return FunnelBand.Within;
        }

        var distance = Math.Abs(rate - Centre) * Math.Sqrt(volume) / Sigma;
        return distance > Z998 ? FunnelBand.Beyond998 : distance > Z95 ? FunnelBand.Beyond95 : FunnelBand.Within;
    }

    /// <summary>1.4826 × MAD (consistent with the standard deviation for normal data); the standard deviation when MAD is 0.</summary>
    internal static double Scale(IReadOnlyList<double> z)
    {
        var median = z.Median();
        var mad = 1.4826 * z.Select(v => Math.Abs(v - median)).Median();
        return mad > 0 ? mad : z.StandardDeviation();
    }
}
