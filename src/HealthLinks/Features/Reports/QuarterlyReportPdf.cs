using HealthLinks.Infrastructure.Pdf;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

using SkiaSharp;

namespace HealthLinks.Features.Reports;

/// <summary>The report on paper: a title, the suppression rule when it applies, then each table with its quarters as columns.</summary>
public static class QuarterlyReportPdf
{
    public static byte[] Write(QuarterlyReport.Report report, IStringLocalizer<Strings> l)
    {
        var title = $"{l["Report_QuarterlyTitle"]} · {ReportText.Quarter(report.Quarter)}";
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "HealthLinks", Producer = "HealthLinks" }))
        using (var layout = new PdfTextLayout(document, title))
        {
            layout.Heading(title, 16);
            layout.Text(null, l["Report_QuarterlyIntro"], 0);
            if (report.Suppressed)
            {
                layout.Text(null, l["Report_SuppressionNote"], 0);
            }

            foreach (var table in report.Tables)
            {
                layout.Heading(table.Name, 12);
                layout.TableRow(l["Report_Figure"], [.. report.Quarters.Select(ReportText.Quarter)], bold: true);
                foreach (var row in table.Rows)
                {
                    var part = row.Figure.Contains('_', StringComparison.Ordinal);
                    layout.TableRow(ReportText.Figure(l, row.Figure), [.. row.Cells.Select(c => ReportText.Value(l, c, row.Kind))], bold: !part, indent: part ? 1 : 0);
                }
            }
        }

        return output.ToArray();
    }
}
