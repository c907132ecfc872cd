using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PrivacyTests(BrowserApp app)
{
    private static string DemoEmail(string role) => DemoAccounts.All.Single(a => a.Role == role).Email;

    [Fact]
    public async Task ThePrivacyOfficer_ReviewsTheDemoBreakGlass_AndPrintsThatPatientsAccessReport()
    {
        string card;
        await using (var db = app.NewDb())
        {
            var glass = await db.BreakGlassAccesses.SingleAsync();
            card = (await db.Patients.SingleAsync(p => p.Id == glass.PatientId)).HealthCardNumber!;
        }

        var page = await Pages.SignedIn(app, DemoEmail(Roles.PrivacyOfficer));
        await page.GotoAsync("privacy/break-glass");
        await page.WaitForSelectorAsync("table[data-interactive]");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("unconscious");
        await Pages.AssertAccessible(page);
        await page.GetByLabel("Review note").First.FillAsync("Reason checked with the emergency physician in charge.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("Reason checked with the emergency physician");

        await page.GotoAsync("privacy/access-report");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.GetByLabel("Health card number").FillAsync(card);
        await page.ClickAsync("text=Show the report");
        await Assertions.Expect(page.Locator(".access-report h2")).ToContainTextAsync("Who looked at the record of");
        await Assertions.Expect(page.Locator(".access-report")).ToContainTextAsync(DemoEmail(Roles.Provider));
        await Assertions.Expect(page.Locator(".access-report")).ToContainTextAsync("Break the glass");
        await Pages.AssertAccessible(page);

        await page.GotoAsync("privacy");
        await Assertions.Expect(page.Locator("table.data tbody tr").First).ToBeVisibleAsync();
        await Pages.AssertAccessible(page);
        await page.GotoAsync("privacy/unusual");
        await Pages.AssertAccessible(page);
    }

    [Fact]
    public async Task TheDemoDirective_ShowsInItsHistory_AndTheBreakGlassFormRefusesNoReason()
    {
        Guid withDirective, outsideTeam;
        await using (var db = app.NewDb())
        {
            withDirective = (await db.ConsentDirectives.FirstAsync(d => d.EndedAt == null)).PatientId.Value;
            var physician = await db.Providers.Where(p => p.Email == DemoEmail(Roles.Provider)).Select(p => p.Id).SingleAsync();
            outsideTeam = (await db.Patients.FirstAsync(p => !db.CareTeamMembers.Any(m => m.PatientId == p.Id && m.ProviderId == physician))).Id.Value;
        }

        var coordinator = await Pages.SignedIn(app, DemoEmail(Roles.CareCoordinator));
        await coordinator.GotoAsync($"patients/{withDirective}/privacy");
        await coordinator.WaitForSelectorAsync("form[data-interactive]");
        await Assertions.Expect(coordinator.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(coordinator.Locator("tbody tr").First).ToContainTextAsync("Mental health and addictions");
        await Pages.AssertAccessible(coordinator);

        var physicianPage = await Pages.SignedIn(app, DemoEmail(Roles.Provider));
        await physicianPage.GotoAsync($"patients/{outsideTeam}");
        await Assertions.Expect(physicianPage.Locator("h1")).ToHaveTextAsync("Not available to you");
        await Pages.AssertAccessible(physicianPage);
        await physicianPage.ClickAsync("text=Break the glass (emergency access)");
        await physicianPage.WaitForSelectorAsync("form[data-interactive]");
        await physicianPage.ClickAsync("main button[type=submit]");
        await Assertions.Expect(physicianPage.Locator(".validation-message")).ToHaveTextAsync("This field is required.");
        await Pages.AssertAccessible(physicianPage);
    }
}
