using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>The analyst's day: from the home page to the quarterly report, another quarter, a Health Link's table, and the CSV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsTests(BrowserApp app)
{
    [Theory]
    [InlineData("en", "Quarterly process report", "withheld")]
    [InlineData("fr", "Rapport trimestriel de processus", "masqué")]
    public async Task AnAnalyst_OpensTheQuarterlyReport_ChangesQuarterAndTable_AndDownloadsTheCsv(string language, string title, string withheld)
    {
        var analyst = DemoAccounts.All.Single(a => a.Role == Roles.RegionAnalyst).Email;
        var page = await Pages.SignedIn(app, analyst);
        await page.GotoAsync($"culture/{language}?returnUrl=%2F");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Pages.AtPath(page, "^/reports/quarterly$");
        await page.WaitForSelectorAsync("form.filters[data-interactive]");
        await Pages.AssertAccessible(page);

        var caption = page.Locator("table.report caption");
        var regionCaption = await caption.InnerTextAsync();
        await page.Locator("#quarter").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await Assertions.Expect(caption).Not.ToHaveTextAsync(regionCaption);
        await page.Locator("#scope").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Assertions.Expect(caption).Not.ToContainTextAsync(regionCaption.Split(" · ")[0]);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = language == "fr" ? "Télécharger le CSV" : "Download CSV" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(file);
        try
        {
            var lines = await File.ReadAllLinesAsync(file);
            Assert.True(lines.Length > 30, $"{lines.Length} lines");
            Assert.StartsWith(language == "fr" ? "Maillon santé ou région," : "Health Link or region,", lines[0], StringComparison.Ordinal);
            Assert.Equal(4 * Features.Reports.QuarterlyFigures.Order.Count, lines.Length - 1); // the region and its three Health Links
            Assert.Contains(lines, l => l.EndsWith("," + withheld, StringComparison.Ordinal) || l.Contains("," + withheld + ",", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = language == "fr" ? "Télécharger le PDF" : "Download PDF" }).ClickAsync());
        var pdfFile = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await pdf.SaveAsAsync(pdfFile);
        try
        {
            var text = await Pages.PdfText(pdfFile);
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains(withheld, text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdfFile);
        }

        // The outcomes: the comparison runs and says what it found (or that the groups are too small), in the page's language.
        await page.GetByRole(AriaRole.Link, new() { Name = language == "fr" ? "Résultats avant et après l'inscription" : "Outcomes before and after enrollment" }).ClickAsync();
        await Pages.AtPath(page, "^/reports/outcomes$");
        await page.WaitForSelectorAsync("form.filters[data-interactive]");
        await page.ClickAsync("form.filters button.primary");
        await Assertions.Expect(page.Locator("p[role=status]")).ToContainTextAsync(language == "fr" ? "paires appariées" : "matched pairs");
        await Pages.AssertAccessible(page);
        await page.Context.CloseAsync();
    }
}
