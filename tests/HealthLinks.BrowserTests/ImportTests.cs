using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserApp app)
{
    [Fact]
    public async Task AnAdministrator_UploadsFhirFiles_AndSeesWhatWasImportedAndWhatWasRejected()
    {
        var synthea = SyntheaFiles().Take(2).ToList();
        var bad = Path.Combine(Path.GetTempPath(), $"not-fhir-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, "name,date of birth\nAnn,1950-01-01");
        var page = await Pages.SignedIn(app, DemoAccounts.All.Single(a => a.Role == Roles.HealthLinkAdmin).Email);
        await page.ClickAsync("nav >> text=Import");
        await page.WaitForSelectorAsync("form.form[data-interactive]");
        await page.Locator("#files").SetInputFilesAsync([.. synthea, bad]);
        await page.ClickAsync("button:text-is('Import')");
        await Assertions.Expect(page.Locator("#imported")).ToContainTextAsync("3 files", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#imported")).ToContainTextAsync("1 rejected");
        await Assertions.Expect(page.Locator("td", new PageLocatorOptions { HasText = "not valid JSON" })).ToHaveCountAsync(1);
        await Pages.AssertAccessible(page);

        await using var db = app.NewDb();
        Assert.Equal(2, await db.SourceLinks.CountAsync(l => l.ResourceType == "Patient" && l.Source == "fhir"));
        File.Delete(bad);
    }

    private static IEnumerable<string> SyntheaFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(dir!.FullName, "shared", "data", "synthea-r4")))
        {
            dir = dir.Parent;
        }

        return Directory.GetFiles(Path.Combine(dir.FullName, "shared", "data", "synthea-r4"), "*.json").Order(StringComparer.Ordinal);
    }
}
