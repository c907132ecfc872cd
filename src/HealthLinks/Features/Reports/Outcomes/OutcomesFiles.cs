using System.Globalization;

using CsvHelper;

using HealthLinks.Infrastructure.Pdf;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

using SkiaSharp;

namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>The outcomes as CSV (values unformatted, for a spreadsheet) and as PDF (as the page reads), in the reader's language.</summary>
public static class OutcomesFiles
{
    public static byte[] Csv(OutcomesReport.Report report, IStringLocalizer<Strings> l)
    {
        static string Value(double v) => double.IsNaN(v) ? "" : Math.Round(v, 4).ToString(CultureInfo.InvariantCulture);
        static string Count(int? n, IStringLocalizer<Strings> l) => n?.ToString(CultureInfo.InvariantCulture) ?? l["Report_Withheld"];
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text))
        {
            // Every line as wide as the measures' (RFC 4180 wants one width): the shorter ones end in empty cells.
            void Row(params string[] cells) => csv.WriteRecord([.. cells, .. Enumerable.Repeat("", Math.Max(0, 10 - cells.Length))]);

            Row(l["Outcomes_From"].Value, report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Row(l["Outcomes_To"].Value, report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Row(l["Outcomes_Window"].Value, report.Months.ToString(CultureInfo.InvariantCulture));
            Row(l["Outcomes_EnrolledCount"].Value, Count(report.Enrolled, l));
            Row(l["Outcomes_ComparisonCount"].Value, Count(report.Comparison, l));
            Row(l["Outcomes_PairsCount"].Value, Count(report.Pairs, l));
            Row(l["Outcomes_Measure"].Value, l["Outcomes_EnrolledBefore"].Value, l["Outcomes_EnrolledAfter"].Value, l["Outcomes_ComparisonBefore"].Value,
                l["Outcomes_ComparisonAfter"].Value, l["Outcomes_Difference"].Value, l["Outcomes_RateRatioOnly"].Value, l["Outcomes_Lower"].Value, l["Outcomes_Upper"].Value, l["Outcomes_Reading"].Value);
            foreach (var (measure, e) in report.Effects)
            {
                Row(l[$"Outcomes_{measure}"].Value, Value(e.EnrolledBefore), Value(e.EnrolledAfter), Value(e.ControlBefore), Value(e.ControlAfter),
                    Value(e.DifferenceInDifferences), Value(e.RateRatio), Value(e.Lower), Value(e.Upper), OutcomesText.Reading(l, e));
            }

            Row(l["Outcomes_Covariate"].Value, l["Outcomes_BeforeMatching"].Value, l["Outcomes_AfterMatching"].Value);
            foreach (var b in report.Balances)
            {
                Row(l[$"Outcomes_Covariate_{b.Covariate}"].Value, Value(b.Before), Value(b.After));
            }
        }

        // A byte-order mark, so a spreadsheet opens the French names as UTF-8.
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Pdf(OutcomesReport.Report report, IStringLocalizer<Strings> l)
    {
        var title = $"{l["Outcomes_Title"]} · {OutcomesText.Period(report)}";
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "HealthLinks", Producer = "HealthLinks" }))
        using (var layout = new PdfTextLayout(document, title))
        {
            layout.Heading(title, 16);
            layout.Text(null, l["Outcomes_Intro"], 0);
            layout.Text(null, OutcomesText.Groups(l, report), 0);
            if (report.TooSmall)
            {
                layout.Text(null, l["Outcomes_TooSmall"], 0);
            }

            layout.Heading(string.Format(CultureInfo.CurrentCulture, l["Outcomes_Caption"], report.Months), 12);
            foreach (var (measure, e) in report.Effects)
            {
                layout.Heading(l[$"Outcomes_{measure}"], 10);
                layout.Text(l["Outcomes_Enrolled"], $"{OutcomesText.Number(e.EnrolledBefore)} → {OutcomesText.Number(e.EnrolledAfter)}", 1);
                layout.Text(l["Outcomes_Comparison"], $"{OutcomesText.Number(e.ControlBefore)} → {OutcomesText.Number(e.ControlAfter)}", 1);
                layout.Text(l["Outcomes_Difference"], $"{OutcomesText.Number(e.DifferenceInDifferences)} {OutcomesText.DifferenceInterval(l, e)}".TrimEnd(), 1);
                if (e.Kind == EffectKind.Rate)
                {
                    layout.Text(l["Outcomes_RateRatio"], OutcomesText.RateRatio(e), 1);
                }

                layout.Text(l["Outcomes_Reading"], OutcomesText.Reading(l, e), 1);
            }

            if (report.Balances.Count > 0)
            {
                layout.Heading(l["Outcomes_Balance"], 12);
                foreach (var b in report.Balances)
                {
                    layout.Text(l[$"Outcomes_Covariate_{b.Covariate}"], $"{OutcomesText.Number(b.Before)} → {OutcomesText.Number(b.After)}", 1);
                }
            }

            layout.Text(null, l["Outcomes_Method"], 0);
        }

        return output.ToArray();
    }
}
