using System.Globalization;

using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Reports;

/// <summary>How the reports write their names and values, in the reader's language, on the page, in the CSV and in the PDF.</summary>
public static class ReportText
{
    public static string Figure(IStringLocalizer<Strings> l, string figure) => l[$"Report_{figure}"];

    /// <summary>2026Q3 in English, T3 2026 in French.</summary>
    public static string Quarter(Quarter quarter) => Languages.IsFrench ? $"T{quarter.Number}\u00a0{quarter.Year}" : quarter.ToString();

    public static string Value(IStringLocalizer<Strings> l, QuarterlyReport.Cell cell, FigureKind kind) =>
        cell.Withheld ? l["Report_Withheld"] : cell.Value is not { } v ? "–" : kind switch
        {
            FigureKind.Percent => string.Format(CultureInfo.CurrentCulture, Languages.IsFrench ? "{0:N1}\u00a0%" : "{0:N1}%", v),
            FigureKind.Days => v.ToString("N1", CultureInfo.CurrentCulture),
            FigureKind.Ratio => v.ToString("N2", CultureInfo.CurrentCulture),
            FigureKind.Score => v.ToString("N1", CultureInfo.CurrentCulture),
            _ => v.ToString("N0", CultureInfo.CurrentCulture),
        };
}
