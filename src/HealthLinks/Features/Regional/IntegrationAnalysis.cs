using HealthLinks.Features.Reports;

using MathNet.Numerics.Statistics;

namespace HealthLinks.Features.Regional;

/// <summary>
/// Where integrating community services would help, per service category for one quarter: volume, providers and share
/// of the regional allocation; the variation between providers (coefficient of variation, 90th/10th percentile ratio,
/// funnel plots); the providers that repeatedly or seriously miss their accountability corridors; a ranking of the
/// categories by volume × providers × variation; and what would change if the costlier half reached the median.
/// Organizations' figures only: nothing here is about a patient.
/// </summary>
public static class IntegrationAnalysis
{
    public sealed record Category(Guid Id, string Name, string? Code);

    public sealed record Volume(Quarter Quarter, Guid Organization, Guid Category, double Funding, int Individuals, int Visits);

    public sealed record Indicator(Quarter Quarter, Guid Organization, Guid Category, string Name, double Actual, double Target, double Lower, double Upper)
    {
        /// <summary>Performance is met within the corridor, both limits included.</summary>
        public bool OutsideCorridor => Actual < Lower || Actual > Upper;
    }

    public sealed record Data(IReadOnlyList<Category> Categories, IReadOnlyDictionary<Guid, string> Organizations, IReadOnlyList<Volume> Volumes, IReadOnlyList<Indicator> Indicators);

    /// <summary>How widely providers differ on one measure: NaN where there are too few providers to say.</summary>
    public sealed record Spread(int Providers, double Mean, double CoefficientOfVariation, double P10, double P90)
    {
        public double Ratio9010 => P10 > 0 ? P90 / P10 : double.NaN;

        public static Spread Of(IReadOnlyList<double> values)
        {
            var finite = values.Where(double.IsFinite).ToList();
            var mean = finite.Count == 0 ? double.NaN : finite.Average();
            var cv = finite.Count < 2 || mean == 0 ? double.NaN : finite.StandardDeviation() / Math.Abs(mean);
            return new(finite.Count, mean, cv, Percentile(finite, 0.1), Percentile(finite, 0.9));
        }
    }

    /// <summary>One quarter of one provider's indicator: outside its corridor, beyond the 99.8% funnel limit, or both.</summary>
    public sealed record Miss(Quarter Quarter, double Actual, double Target, double Lower, double Upper, bool OutsideCorridor, bool BeyondFunnel);

    /// <summary>
    /// A provider that repeatedly (outside its corridor in 3 or more of the last 4 quarters) or seriously (beyond the
    /// 99.8% funnel limit two quarters in a row) misses an indicator, with each of the four quarters' figures.
    /// </summary>
    public sealed record Underperformer(Guid Organization, string Name, string Indicator, bool Repeated, bool Serious, IReadOnlyList<Miss> Quarters)
    {
        public IReadOnlyList<Quarter> QuartersMissed => [.. Quarters.Where(q => q.OutsideCorridor || q.BeyondFunnel).Select(q => q.Quarter)];
    }

    /// <summary>
    /// "If the providers whose cost per individual served is above the median reached the median": the individuals the
    /// same funding would serve, or the funding the same individuals would free.
    /// </summary>
    public sealed record Scenario(double Median, int ProvidersAbove, int IndividualsNow, int IndividualsIf, double CostPerIndividualNow, double CostPerIndividualIf, double FundingFreed);

    public sealed record Opportunity(
        Category Category,
        int Providers,
        int Volume,
        int Visits,
        double Funding,
        double AllocationShare,
        double CumulativeShare,
        Spread CostPerIndividual,
        Spread CostPerVisit,
        IReadOnlyDictionary<string, Spread> Indicators,
        double VolumeScore,
        double ProvidersScore,
        double VariationScore,
        double Score,
        int Rank,
        IReadOnlyList<Funnel> Funnels,
        IReadOnlyList<Underperformer> Underperformers,
        Scenario Scenario)
    {
        /// <summary>The variation the ranking uses: the coefficient of variation of cost per individual served.</summary>
        public double Variation => CostPerIndividual.CoefficientOfVariation;
    }

    /// <summary>The categories ranked, best opportunity first; the window is the quarter and the three before it, oldest first.</summary>
    public sealed record Result(Quarter Quarter, IReadOnlyList<Quarter> Window, double RegionFunding, IReadOnlyList<Opportunity> Opportunities);

    public const string CostPerIndividual = "cost_per_individual";

    public const string CostPerVisit = "cost_per_visit";

    public static Result Analyse(Data data, Quarter quarter)
    {
        var window = quarter.WithPreviousFour().Skip(1).ToList();
        var volumes = data.Volumes.Where(v => v.Quarter == quarter).ToList();
        var regionFunding = volumes.Sum(v => v.Funding);
        var drafts = data.Categories
            .Select(c => Draft(data, c, quarter, window, [.. volumes.Where(v => v.Category == c.Id)]))
            .Where(d => d.Providers > 0)
            .OrderByDescending(d => d.Funding).ThenBy(d => d.Category.Name, StringComparer.Ordinal)
            .ToList();

        var cumulative = 0.0;
        var (maxVolume, maxProviders, maxVariation) = (drafts.Select(d => (double)d.Volume).DefaultIfEmpty(0).Max(), drafts.Select(d => (double)d.Providers).DefaultIfEmpty(0).Max(),
            drafts.Select(d => d.Variation).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var scored = drafts.Select(d =>
        {
            var share = regionFunding > 0 ? d.Funding / regionFunding : 0;
            cumulative += share;
            var (volume, providers, variation) = (Ratio(d.Volume, maxVolume), Ratio(d.Providers, maxProviders), double.IsFinite(d.Variation) ? Ratio(d.Variation, maxVariation) : 0);
            return d with { AllocationShare = share, CumulativeShare = cumulative, VolumeScore = volume, ProvidersScore = providers, VariationScore = variation, Score = volume * providers * variation };
        }).ToList();

        var ranked = scored.OrderByDescending(d => d.Score).ThenByDescending(d => d.Funding).Select((d, i) => d with { Rank = i + 1 }).ToList();
        return new Result(quarter, window, regionFunding, ranked);
    }

    private static double Ratio(double value, double max) => max > 0 ? value / max : 0;

    private static Opportunity Draft(Data data, Category category, Quarter quarter, IReadOnlyList<Quarter> window, IReadOnlyList<Volume> volumes)
    {
        string Name(Guid organization) => data.Organizations.GetValueOrDefault(organization, "?");
        var indicators = data.Indicators.Where(i => i.Category == category.Id && window.Contains(i.Quarter)).ToList();
        var served = data.Volumes.Where(v => v.Category == category.Id && window.Contains(v.Quarter)).ToDictionary(v => (v.Quarter, v.Organization), v => v.Individuals);

        var costs = Funnel.Of(CostPerIndividual, [.. volumes.Where(v => v.Individuals > 0).Select(v => (v.Organization, Name(v.Organization), (double)v.Individuals, v.Funding / v.Individuals))]);
        var perVisit = Funnel.Of(CostPerVisit, [.. volumes.Where(v => v.Visits > 0).Select(v => (v.Organization, Name(v.Organization), (double)v.Visits, v.Funding / v.Visits))]);

        // An indicator's funnel: its value against the individuals the provider served that quarter.
        Funnel IndicatorFunnel(string indicator, Quarter q) => Funnel.Of(indicator, [.. indicators
            .Where(i => i.Name == indicator && i.Quarter == q && served.GetValueOrDefault((q, i.Organization)) > 0)
            .Select(i => (i.Organization, Name(i.Organization), (double)served[(q, i.Organization)], i.Actual))]);

        var names = indicators.Select(i => i.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var funnels = names.ToDictionary(n => n, n => window.ToDictionary(q => q, q => IndicatorFunnel(n, q)));
        var underperformers = new List<Underperformer>();
        foreach (var group in indicators.GroupBy(i => (i.Organization, i.Name)))
        {
            var misses = window.Select(q => group.FirstOrDefault(i => i.Quarter == q) is { } i
                ? new Miss(q, i.Actual, i.Target, i.Lower, i.Upper, i.OutsideCorridor, funnels[i.Name][q].Points.Any(p => p.Organization == i.Organization && p.Band == FunnelBand.Beyond998))
                : null).ToList();
            var repeated = misses.Count(m => m?.OutsideCorridor == true) >= 3;
            var serious = misses.Zip(misses.Skip(1)).Any(pair => pair.First?.BeyondFunnel == true && pair.Second?.BeyondFunnel == true);
            if (repeated || serious)
            {
                underperformers.Add(new(group.Key.Organization, Name(group.Key.Organization), group.Key.Name, repeated, serious, [.. misses.OfType<Miss>()]));
            }
        }

        var spreads = names.ToDictionary(n => n, n => Spread.Of([.. indicators.Where(i => i.Name == n && i.Quarter == quarter).Select(i => i.Actual)]));
        return new Opportunity(
            category,
            volumes.Select(v => v.Organization).Distinct().Count(),
            volumes.Sum(v => v.Individuals),
            volumes.Sum(v => v.Visits),
            volumes.Sum(v => v.Funding),
            0,
            0,
            Spread.Of([.. costs.Points.Select(p => p.Rate)]),
            Spread.Of([.. perVisit.Points.Select(p => p.Rate)]),
            spreads,
            0,
            0,
            0,
            0,
            0,
            [costs, perVisit, .. names.Select(n => funnels[n][quarter])],
            [.. underperformers.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Indicator, StringComparer.Ordinal)],
            ScenarioOf(volumes));
    }

    private static Scenario ScenarioOf(IReadOnlyList<Volume> volumes)
    {
        var serving = volumes.Where(v => v.Individuals > 0).ToList();
        var individuals = volumes.Sum(v => v.Individuals);
        var funding = volumes.Sum(v => v.Funding);
        if (serving.Count == 0)
        {
            return new(double.NaN, 0, individuals, individuals, double.NaN, double.NaN, 0);
        }

        var median = serving.Select(v => v.Funding / v.Individuals).Median();
        var above = serving.Where(v => v.Funding / v.Individuals > median).ToList();
        var individualsIf = individuals - above.Sum(v => v.Individuals) + (int)Math.Floor(above.Sum(v => v.Funding / median));
        return new(median, above.Count, individuals, individualsIf, funding / individuals, individualsIf > 0 ? funding / individualsIf : double.NaN, above.Sum(v => v.Funding - (median * v.Individuals)));
    }

    /// <summary>Linear interpolation between closest ranks, as a spreadsheet's PERCENTILE.INC.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p) =>
        values.Count == 0 ? double.NaN : values.ToArray().QuantileCustom(p, QuantileDefinition.Excel);
}
