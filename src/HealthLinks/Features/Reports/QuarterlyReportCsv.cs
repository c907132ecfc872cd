using System.Globalization;

using CsvHelper;

using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Reports;

/// <summary>The report as CSV (CsvHelper): one line per table and figure, one column per quarter; values unformatted, withheld cells named so.</summary>
public static class QuarterlyReportCsv
{
    public static byte[] Write(QuarterlyReport.Report report, IStringLocalizer<Strings> l)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text))
        {
            csv.WriteRecord([l["Report_Scope"].Value, l["Report_Figure"].Value, .. report.Quarters.Select(q => q.ToString())]);
            foreach (var table in report.Tables)
            {
                foreach (var row in table.Rows)
                {
                    csv.WriteRecord([table.Name, ReportText.Figure(l, row.Figure), .. row.Cells.Select(cell =>
                        cell.Withheld ? l["Report_Withheld"].Value : cell.Value is { } v ? Math.Round(v, 2).ToString(CultureInfo.InvariantCulture) : "")]);
                }
            }
        }

        // A byte-order mark, so a spreadsheet opens the French names as UTF-8.
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }
}
