using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ScreeningRulesTests(BrowserApp app)
{
    [Fact]
    public async Task AnAdministrator_ChangesTheRules_BadValuesAreRefusedAtTheField()
    {
        var page = await Pages.SignedIn(app, DemoAccounts.All.Single(a => a.Role == Roles.HealthLinkAdmin).Email);
        await page.ClickAsync("nav >> text=Screening rules");
        await page.WaitForSelectorAsync("form.form[data-interactive]");
        await Assertions.Expect(page.Locator("#chronic")).ToHaveValueAsync("4");

        await page.FillAsync("#ed-alone", "3");
        await page.ClickAsync("button:text-is('Save')");
        await Assertions.Expect(page.Locator("#ed-alone-error")).ToContainTextAsync("out of range");
        await Pages.AssertAccessible(page);

        await page.FillAsync("#ed-alone", "6");
        await page.FillAsync("#chronic", "5");
        await page.ClickAsync("button:text-is('Save')");
        await Assertions.Expect(page.Locator("[role=status]").Last).ToContainTextAsync("Saved as version");
        await Assertions.Expect(page.Locator("#chronic")).ToHaveValueAsync("5");
    }
}
