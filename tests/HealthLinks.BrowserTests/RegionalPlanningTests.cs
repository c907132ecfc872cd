using HealthLinks.Demo;
using HealthLinks.Infrastructure.Localization;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RegionalPlanningTests(BrowserApp app)
{
    [Fact]
    public async Task AnAnalyst_ImportsTheAgenciesFiles_OpensTheRanking_AFunnelPlot_AndTheEvidenceBrief()
    {
        var folder = Directory.CreateTempSubdirectory("region-files");
        var (services, performance) = DemoRegionalServices.Files(Ontario.Today(app.Clock));
        var servicesFile = Path.Combine(folder.FullName, "services.csv");
        var performanceFile = Path.Combine(folder.FullName, "performance.csv");
        await File.WriteAllTextAsync(servicesFile, services);
        await File.WriteAllTextAsync(performanceFile, performance);
        var page = await Pages.SignedIn(app, DemoAccounts.AnalystEmail);
        try
        {
            // The account keeps the language another test chose for it.
            await page.GotoAsync("culture/en?returnUrl=%2F");
            await page.WaitForSelectorAsync("h1");

            // The demo's files were imported on first start: the same files again change nothing.
            await page.ClickAsync("nav >> text=Regional planning");
            await Pages.AtPath(page, "^/region/integration$");
            await page.ClickAsync("main >> text=Service data");
            await Pages.AtPath(page, "^/region/services$");
            await page.WaitForSelectorAsync("form.form[data-interactive]");
            foreach (var (file, rows) in new[] { (servicesFile, services.Count(c => c == '\n') - 1), (performanceFile, performance.Count(c => c == '\n') - 1) })
            {
                await page.SetInputFilesAsync("#service-file", file);
                await page.ClickAsync("text=Import >> nth=-1");
                await Assertions.Expect(page.Locator("p.success")).ToContainTextAsync($"{Path.GetFileName(file)}");
                await Assertions.Expect(page.Locator("p.success")).ToContainTextAsync($"{rows} rows, 0 added, 0 changed, {rows} unchanged");
            }

            await Pages.AssertAccessible(page);

            // The ranking: personal support first (8 agencies, one far costlier than its volume explains).
            await page.ClickAsync("main >> text=Integration opportunities");
            await Pages.AtPath(page, "^/region/integration$");
            await Assertions.Expect(page.Locator("table.data tbody tr").First).ToContainTextAsync("Personal support and independence training");
            await Assertions.Expect(page.Locator("p[role=status]")).ToContainTextAsync("of its community allocation");
            await Pages.AssertAccessible(page);

            await page.ClickAsync("table.data >> text=Personal support and independence training");
            await Pages.AtPath(page, "^/region/integration/[0-9a-f-]+$");
            await Assertions.Expect(page.Locator("figure .funnel svg")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("figcaption")).ToContainTextAsync("beyond the 99.8% limits");
            await Assertions.Expect(page.Locator("tr", new() { HasText = "Ottawa West Independence Services" })).ToContainTextAsync("beyond 99.8%");
            await page.WaitForSelectorAsync("form.form[data-interactive]");
            await page.FillAsync("#notes", "Discussed with the Local Collaborative; propose a shared intake.");
            await page.ClickAsync("text=Save the notes");
            await Assertions.Expect(page.Locator("form p[role=status]")).ToContainTextAsync("Notes saved");
            await Pages.AssertAccessible(page);

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the brief (PDF)" }).ClickAsync());
            var pdf = Path.Combine(folder.FullName, "brief.pdf");
            await download.SaveAsAsync(pdf);
            var text = await Pages.PdfText(pdf);
            Assert.Contains("Evidence brief: Personal support and independence training", text, StringComparison.Ordinal);
            Assert.Contains("The need for change", text, StringComparison.Ordinal);
            Assert.Contains("Ottawa West Independence Services", text, StringComparison.Ordinal);
            Assert.Contains("propose a shared intake", text, StringComparison.Ordinal);
            Assert.Contains("Limits of the data", text, StringComparison.Ordinal);

            // In French, the same brief and its funnel.
            await page.ClickAsync("text=Français");
            await page.WaitForSelectorAsync("h1:text('Dossier de preuves')");
            await Assertions.Expect(page.Locator("figcaption")).ToContainTextAsync("au-delà des limites à 99,8 %");
            await Pages.AssertAccessible(page);
            await page.ClickAsync("text=English");
            await page.WaitForSelectorAsync("h1:text('Evidence brief')");
        }
        finally
        {
            await page.Context.CloseAsync();
            folder.Delete(recursive: true);
        }
    }
}
