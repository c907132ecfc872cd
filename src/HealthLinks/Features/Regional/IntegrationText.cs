using System.Globalization;

using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Regional;

/// <summary>How the integration analysis is written, the same on the pages and in the PDFs, in the reader's language.</summary>
public static class IntegrationText
{
    private static CultureInfo C => CultureInfo.CurrentCulture;

    public static string Category(IStringLocalizer<Strings> l, IntegrationAnalysis.Category category) =>
        category.Code is { } code && l[$"ServiceCategory_{code}"] is { ResourceNotFound: false } named ? named : category.Name;

    /// <summary>The accountability indicators the demo and most agreements use are translated; others keep the file's name.</summary>
    public static string Indicator(IStringLocalizer<Strings> l, string name) =>
        l[$"Indicator_{name}"] is { ResourceNotFound: false } known ? known : name;

    public static string Number(double value, int decimals) => double.IsFinite(value) ? value.ToString("N" + decimals, C) : "–";

    public static string Percent(double share) => double.IsFinite(share) ? share.ToString("P1", C) : "–";

    public static string Money(double value) => double.IsFinite(value) ? value.ToString(Math.Abs(value) >= 100 ? "C0" : "C2", C) : "–";

    public static string Count(IStringLocalizer<Strings> l, int? count) => count is { } n ? n.ToString("N0", C) : l["Report_Withheld"];

    /// <summary>How much of the allocation the categories account for: the figure the region quotes ("about 65%").</summary>
    public static string Coverage(IStringLocalizer<Strings> l, IntegrationAnalysis.Result analysis)
    {
        var named = analysis.Opportunities.Where(o => o.Category.Code is not null).Sum(o => o.AllocationShare);
        return string.Format(C, l["Integration_Coverage"], Percent(named), Money(analysis.RegionFunding));
    }

    public static IReadOnlyList<string> Need(IStringLocalizer<Strings> l, IntegrationAnalysis.Result analysis, IntegrationAnalysis.Opportunity o)
    {
        var lines = new List<string>
        {
            string.Format(C, l["Integration_NeedVolume"], o.Volume.ToString("N0", C), o.Visits.ToString("N0", C), o.Providers, Money(o.Funding), Percent(o.AllocationShare), o.Rank, analysis.Opportunities.Count),
            string.Format(C, l["Integration_NeedCost"], Money(o.CostPerIndividual.P10), Money(o.CostPerIndividual.P90), Number(o.CostPerIndividual.Ratio9010, 1), Number(o.CostPerIndividual.CoefficientOfVariation, 2)),
            string.Format(C, l["Integration_NeedVisit"], Money(o.CostPerVisit.P10), Money(o.CostPerVisit.P90), Number(o.CostPerVisit.Ratio9010, 1), Number(o.CostPerVisit.CoefficientOfVariation, 2)),
        };
        lines.AddRange(o.Indicators.Select(i => string.Format(C, l["Integration_NeedIndicator"], Indicator(l, i.Key), Number(i.Value.P10, 1), Number(i.Value.P90, 1), Number(i.Value.CoefficientOfVariation, 2))));
        return lines;
    }

    public static FunnelChart.Labels FunnelLabels(IStringLocalizer<Strings> l, Funnel funnel) => new(
        l[funnel.Measure == IntegrationAnalysis.CostPerVisit ? "Integration_Visits" : "Integration_Individuals"],
        Measure(l, funnel.Measure),
        l["Integration_FunnelCentre"],
        l["Integration_Funnel95"],
        l["Integration_Funnel998"],
        l["Integration_Band_Within"],
        l["Integration_Band_Beyond95"],
        l["Integration_Band_Beyond998"]);

    public static string Measure(IStringLocalizer<Strings> l, string measure) => measure switch
    {
        IntegrationAnalysis.CostPerIndividual => l["Integration_CostPerIndividual"],
        IntegrationAnalysis.CostPerVisit => l["Integration_CostPerVisit"],
        _ => Indicator(l, measure),
    };

    /// <summary>The funnel in words: the text alternative of the chart, and its reading.</summary>
    public static string FunnelReading(IStringLocalizer<Strings> l, Funnel funnel) =>
        !funnel.HasLimits
            ? l["Integration_FunnelTooFew"]
            : string.Format(C, l["Integration_FunnelReading"], funnel.Points.Count, funnel.Points.Count(p => p.Band == FunnelBand.Beyond998), funnel.Points.Count(p => p.Band == FunnelBand.Beyond95),
                Measure(l, funnel.Measure), funnel.Measure.StartsWith("cost", StringComparison.Ordinal) ? Money(funnel.Centre) : Number(funnel.Centre, 1));

    public static string Underperformer(IStringLocalizer<Strings> l, IntegrationAnalysis.Underperformer u)
    {
        var why = u.Repeated && u.Serious ? l["Integration_WhyBoth"] : u.Repeated ? l["Integration_WhyRepeated"] : l["Integration_WhySerious"];
        var quarters = string.Join("; ", u.Quarters.Select(q => string.Format(C, l["Integration_MissQuarter"], q.Quarter, Number(q.Actual, 1), Number(q.Lower, 1), Number(q.Upper, 1),
            q.OutsideCorridor ? l["Integration_Outside"] : l["Integration_Inside"], q.BeyondFunnel ? " " + l["Integration_BeyondFunnel"] : "")));
        return $"{u.Name} · {Indicator(l, u.Indicator)}: {why} ({quarters})";
    }

    public static string ReferralsLine(IStringLocalizer<Strings> l, IntegrationOpportunities.Referrals r) =>
        string.Format(C, l["Integration_ReferralsLine"], Count(l, r.Total), Count(l, r.Accepted), Count(l, r.Declined), Count(l, r.Waiting));

    public static string Scenario(IStringLocalizer<Strings> l, IntegrationAnalysis.Scenario s) =>
        s.ProvidersAbove == 0
            ? l["Integration_ScenarioNone"]
            : string.Format(C, l["Integration_ScenarioText"], s.ProvidersAbove, Money(s.Median), s.IndividualsNow.ToString("N0", C), s.IndividualsIf.ToString("N0", C),
                Money(s.CostPerIndividualNow), Money(s.CostPerIndividualIf), Money(s.FundingFreed));

    /// <summary>A problem with an imported file, in words (the row and column are shown beside it).</summary>
    public static string Problem(IStringLocalizer<Strings> l, ServiceFiles.Problem problem) => string.Format(C, l[$"RegionImport_{problem.Code}"], problem.Detail);
}
