using System.Globalization;

using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>How the outcomes are written, the same on the page, in the CSV and in the PDF, in the reader's language.</summary>
public static class OutcomesText
{
    public static string Number(double value) => double.IsNaN(value) ? "–" : value.ToString("N2", CultureInfo.CurrentCulture);

    public static string Size(IStringLocalizer<Strings> l, int? n) => n is { } v ? v.ToString("N0", CultureInfo.CurrentCulture) : l["Report_Withheld"];

    public static string Groups(IStringLocalizer<Strings> l, OutcomesReport.Report report) =>
        string.Format(CultureInfo.CurrentCulture, l["Outcomes_Groups"], Size(l, report.Enrolled), Size(l, report.Comparison), Size(l, report.Pairs));

    /// <summary>For a cost or a share, the interval is the difference's (for event counts, it is the rate ratio's).</summary>
    public static string DifferenceInterval(IStringLocalizer<Strings> l, Effect effect) =>
        effect.Kind == EffectKind.Rate || double.IsNaN(effect.Lower) ? "" : string.Format(CultureInfo.CurrentCulture, l["Outcomes_Interval"], Number(effect.Lower), Number(effect.Upper));

    public static string RateRatio(Effect effect) =>
        double.IsNaN(effect.RateRatio) ? "–" : $"{Number(effect.RateRatio)} ({Number(effect.Lower)}–{Number(effect.Upper)})";

    public static string Reading(IStringLocalizer<Strings> l, Effect effect) =>
        effect.TooSmall ? l["Outcomes_ReadTooFew"]
        : effect.Kind != EffectKind.Rate ? (effect.Upper < 0 ? l[$"Outcomes_Read{effect.Kind}Lower"] : effect.Lower > 0 ? l[$"Outcomes_Read{effect.Kind}Higher"] : l["Outcomes_ReadNoDifference"])
        : double.IsNaN(effect.RateRatio) ? l["Outcomes_ReadDifference"]
        : effect.Upper < 1 ? string.Format(CultureInfo.CurrentCulture, l["Outcomes_ReadFewer"], Math.Round((1 - effect.RateRatio) * 100))
        : effect.Lower > 1 ? string.Format(CultureInfo.CurrentCulture, l["Outcomes_ReadMore"], Math.Round((effect.RateRatio - 1) * 100))
        : l["Outcomes_ReadNoDifference"];

    public static string Period(OutcomesReport.Report report) =>
        $"{Infrastructure.Localization.Languages.Date(report.From)} – {Infrastructure.Localization.Languages.Date(report.To)}";
}
