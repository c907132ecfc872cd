using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

using CsvHelper;

using HealthLinks.Infrastructure.Pdf;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

using SkiaSharp;

namespace HealthLinks.Features.Regional;

/// <summary>The integration opportunities as JSON and CSV (values unformatted, for other tools), and as PDF: the ranking, or one category's evidence brief.</summary>
public static class IntegrationFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static byte[] ToJson(IntegrationOpportunities.Report report) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        region = report.Region,
        quarter = report.Analysis.Quarter.ToString(),
        window = report.Analysis.Window.Select(q => q.ToString()),
        regionFunding = Round(report.Analysis.RegionFunding),
        categories = report.Analysis.Opportunities.Select(o => new
        {
            category = o.Category.Name,
            code = o.Category.Code,
            providers = o.Providers,
            volume = o.Volume,
            visits = o.Visits,
            funding = Round(o.Funding),
            allocationShare = Round(o.AllocationShare),
            cumulativeShare = Round(o.CumulativeShare),
            variation = Round(o.Variation),
            costPerIndividual = Spread(o.CostPerIndividual),
            costPerVisit = Spread(o.CostPerVisit),
            indicators = o.Indicators.ToDictionary(i => i.Key, i => Spread(i.Value)),
            scores = new { volume = Round(o.VolumeScore), providers = Round(o.ProvidersScore), variation = Round(o.VariationScore) },
            score = Round(o.Score),
            rank = o.Rank,
            underperformers = o.Underperformers.Select(u => new { organization = u.Name, indicator = u.Indicator, quartersMissed = u.QuartersMissed.Select(q => q.ToString()), repeated = u.Repeated, serious = u.Serious }),
            partners = report.Partners[o.Category.Id].Select(p => new { p.First, p.Second, sharedPatients = p.Patients }),
            referrals = report.Referrals[o.Category.Id],
            scenario = new
            {
                median = Round(o.Scenario.Median),
                providersAboveMedian = o.Scenario.ProvidersAbove,
                individualsNow = o.Scenario.IndividualsNow,
                individualsIfMedian = o.Scenario.IndividualsIf,
                costPerIndividualNow = Round(o.Scenario.CostPerIndividualNow),
                costPerIndividualIfMedian = Round(o.Scenario.CostPerIndividualIf),
                fundingFreed = Round(o.Scenario.FundingFreed),
            },
        }),
    }, Json);

    public static byte[] ToCsv(IntegrationOpportunities.Report report, IStringLocalizer<Strings> l)
    {
        static string N(double v) => double.IsFinite(v) ? Math.Round(v, 4).ToString(CultureInfo.InvariantCulture) : "";
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text))
        {
            csv.WriteRecord(["rank", "category", "providers", "volume", "visits", "funding", "allocation_share", "cumulative_share", "cost_per_individual_cv", "cost_per_individual_p90_p10", "score", "underperformers"]);
            foreach (var o in report.Analysis.Opportunities)
            {
                csv.WriteRecord([o.Rank.ToString(CultureInfo.InvariantCulture), IntegrationText.Category(l, o.Category), o.Providers.ToString(CultureInfo.InvariantCulture), o.Volume.ToString(CultureInfo.InvariantCulture),
                    o.Visits.ToString(CultureInfo.InvariantCulture), N(o.Funding), N(o.AllocationShare), N(o.CumulativeShare), N(o.Variation), N(o.CostPerIndividual.Ratio9010), N(o.Score), o.Underperformers.Count.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The ranking, then each category's figures and repeated under-performance.</summary>
    public static byte[] RankingPdf(IntegrationOpportunities.Report report, IStringLocalizer<Strings> l)
    {
        var title = string.Format(CultureInfo.CurrentCulture, l["Integration_PdfTitle"], report.Region, report.Analysis.Quarter);
        return Pdf(title, layout =>
        {
            layout.Heading(title, 16);
            layout.Text(null, l["Integration_Intro"], 0);
            layout.TableRow(l["Integration_Category"], [l["Integration_Rank"], l["Integration_Providers"], l["Integration_Volume"], l["Integration_Share"], l["Integration_Variation"], l["Integration_Score"]], bold: true, cellWidth: 52);
            foreach (var o in report.Analysis.Opportunities)
            {
                layout.TableRow(IntegrationText.Category(l, o.Category), [o.Rank.ToString(CultureInfo.CurrentCulture), o.Providers.ToString("N0", CultureInfo.CurrentCulture), o.Volume.ToString("N0", CultureInfo.CurrentCulture),
                    IntegrationText.Percent(o.AllocationShare), IntegrationText.Number(o.Variation, 2), IntegrationText.Number(o.Score, 2)], bold: false, cellWidth: 52);
            }

            layout.Text(null, IntegrationText.Coverage(l, report.Analysis), 0);
            foreach (var o in report.Analysis.Opportunities.Where(o => o.Underperformers.Count > 0))
            {
                layout.Heading($"{IntegrationText.Category(l, o.Category)}: {l["Integration_Underperformers"]}", 11);
                foreach (var u in o.Underperformers)
                {
                    layout.Text(null, IntegrationText.Underperformer(l, u), 1);
                }
            }

            layout.Text(null, l["Integration_Limits"], 0);
        });
    }

    /// <summary>One category's evidence brief: the need for change, the providers, repeated under-performance, natural partners, the scenario, the notes and the limits of the data.</summary>
    public static byte[] BriefPdf(IntegrationOpportunities.Brief brief, IStringLocalizer<Strings> l)
    {
        var o = brief.Opportunity;
        var category = IntegrationText.Category(l, o.Category);
        var title = string.Format(CultureInfo.CurrentCulture, l["Integration_BriefTitle"], category, brief.Report.Analysis.Quarter);
        return Pdf(title, layout =>
        {
            layout.Heading(title, 16);
            layout.Text(null, brief.Report.Region, 0);
            layout.Heading(l["Integration_NeedForChange"], 12);
            foreach (var line in IntegrationText.Need(l, brief.Report.Analysis, o))
            {
                layout.Text(null, line, 0);
            }

            var costs = o.Funnels[0];
            layout.Heading(l["Integration_FunnelCost"], 11);
            layout.Drawing(FunnelChart.Height * 0.8f, (canvas, area) =>
            {
                canvas.Save();
                canvas.Translate(area.Left, area.Top);
                canvas.Scale(area.Width / FunnelChart.Width, area.Height / FunnelChart.Height);
                FunnelChart.Draw(canvas, new SKRect(0, 0, FunnelChart.Width, FunnelChart.Height), costs, IntegrationText.FunnelLabels(l, costs), IntegrationText.Money);
                canvas.Restore();
            });
            layout.Text(null, IntegrationText.FunnelReading(l, costs), 0);

            layout.Heading(l["Integration_ProvidersInvolved"], 12);
            layout.TableRow(l["Integration_Provider"], [l["Integration_Individuals"], l["Integration_CostPerIndividual"], l["Integration_Band"]], bold: true, cellWidth: 90);
            foreach (var p in costs.Points.OrderByDescending(p => p.Volume))
            {
                layout.TableRow(p.Name, [p.Volume.ToString("N0", CultureInfo.CurrentCulture), IntegrationText.Money(p.Rate), l[$"Integration_Band_{p.Band}"]], bold: false, cellWidth: 90);
            }

            layout.Heading(l["Integration_Underperformers"], 12);
            layout.Text(null, o.Underperformers.Count == 0 ? l["Integration_NoUnderperformers"] : l["Integration_UnderperformersRule"], 0);
            foreach (var u in o.Underperformers)
            {
                layout.Text(null, IntegrationText.Underperformer(l, u), 1);
            }

            layout.Heading(l["Integration_Partners"], 12);
            var partners = brief.Report.Partners[o.Category.Id];
            layout.Text(null, partners.Count == 0 ? l["Integration_NoPartners"] : l["Integration_PartnersRule"], 0);
            foreach (var p in partners)
            {
                layout.Text(null, $"{p.First} · {p.Second}: {IntegrationText.Count(l, p.Patients)}", 1);
            }

            layout.Text(null, IntegrationText.ReferralsLine(l, brief.Report.Referrals[o.Category.Id]), 0);
            layout.Heading(l["Integration_Scenario"], 12);
            layout.Text(null, IntegrationText.Scenario(l, o.Scenario), 0);
            if (brief.Notes.Length > 0)
            {
                layout.Heading(l["Integration_Notes"], 12);
                layout.Text(null, brief.Notes, 0);
            }

            layout.Heading(l["Integration_LimitsTitle"], 12);
            layout.Text(null, l["Integration_Limits"], 0);
        });
    }

    private static byte[] Pdf(string title, Action<PdfTextLayout> write)
    {
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "HealthLinks", Producer = "HealthLinks" }))
        using (var layout = new PdfTextLayout(document, title))
        {
            write(layout);
        }

        return output.ToArray();
    }

    private static object Spread(IntegrationAnalysis.Spread s) => new { providers = s.Providers, mean = Round(s.Mean), coefficientOfVariation = Round(s.CoefficientOfVariation), p10 = Round(s.P10), p90 = Round(s.P90), ratio90To10 = Round(s.Ratio9010) };

    /// <summary>Four decimals; null where the figure cannot be computed (too few providers).</summary>
    private static double? Round(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;
}
