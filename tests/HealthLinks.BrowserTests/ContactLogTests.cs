using HealthLinks.Demo;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ContactLogTests(BrowserApp app)
{
    [Fact]
    public async Task TheCoordinator_RecordsAContact_TheFutureIsRefusedAtItsField()
    {
        Guid patient;
        await using (var db = app.NewDb())
        {
            var coordinator = await db.Providers.Where(p => p.Email == DemoAccounts.All[0].Email).Select(p => p.Id).SingleAsync();
            patient = (await db.CareTeamMembers.FirstAsync(m => m.ProviderId == coordinator && m.IsLead && m.LeftOn == null)).PatientId.Value;
        }

        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.GotoAsync($"patients/{patient}/contacts");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.GetByLabel("With whom").FillAsync("The patient");
        await page.GetByLabel("What was said and done").FillAsync("Booked the foot-care clinic together.");
        await page.GetByLabel("When").FillAsync("2099-01-01T10:00");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#err-At")).ToContainTextAsync("future");
        await Pages.AssertAccessible(page);

        await page.GetByLabel("When").FillAsync("2026-01-05T10:00");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync("Booked the foot-care clinic together.");
        await Pages.AssertAccessible(page);
    }
}
