using HealthLinks.Demo;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class InterfacesTests(BrowserApp app)
{
    [Fact]
    public async Task AnAdministrator_SeesTheHospitalsMessages_AndOpensOne_Masked()
    {
        var admin = DemoAccounts.All.Single(a => a.Role == Roles.HealthLinkAdmin).Email;
        string facility;
        await using (var db = app.NewDb())
        {
            var healthLink = await db.Users.Where(u => u.Email == admin).Select(u => u.HealthLinkId).SingleAsync();
            facility = await db.MessageSenders.Where(s => s.HealthLinkId == healthLink).Select(s => s.FacilityCode).FirstAsync();
        }

        var port = app.Services.GetRequiredService<MllpListener>().BoundPort!.Value;
        var now = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await using (var client = await MllpClient.Connect("127.0.0.1", port))
        {
            await client.Send($"MSH|^~\\&|ADT|{facility}|HL|HL|{now}||ADT^A04^ADT_A04|BROWSER-1|P|2.5.1\rEVN|A04|{now}\rPID|1||MRN-B1^^^{facility}^MR||Lachance^Odette||19400212|F\rPV1|1|E\rDG1|1||I50.9^Heart failure^I10\r");
            await client.Send($"MSH|^~\\&|ADT|{facility}|HL|HL|{now}||ADT^A04^ADT_A04|BROWSER-2|P|2.5.1\rEVN|A04|{now}\rPID|1||MRN-B2^^^{facility}^MR||Sans^Date||||F\rPV1|1|E\r");
        }

        var page = await Pages.SignedIn(app, admin);
        await page.ClickAsync("nav >> text=Hospital interfaces");
        await page.WaitForSelectorAsync("form.form[data-interactive]");
        await Assertions.Expect(page.Locator("table.data").First).ToContainTextAsync(facility);
        var log = page.Locator("tr", new() { HasText = "BROWSER-2" });
        await Assertions.Expect(log).ToContainTextAsync("AE");
        await Assertions.Expect(log).ToContainTextAsync("PID-7");
        await page.ClickAsync("button[aria-label='Open BROWSER-1']");
        await Assertions.Expect(page.Locator("pre.hl7")).ToContainTextAsync("Lachance");
        await Assertions.Expect(page.Locator("pre.hl7")).Not.ToContainTextAsync("Heart failure");
        await Pages.AssertAccessible(page);

        await page.ClickAsync("text=Français");
        await page.WaitForSelectorAsync("h1:text('Interfaces hospitalières')");
        await page.WaitForSelectorAsync("form.form[data-interactive]");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "BROWSER-1" })).ToContainTextAsync("visite ouverte");
        await Pages.AssertAccessible(page);

        // The account keeps the language it chose: back to English for the tests that sign in as it after this one.
        await page.ClickAsync("text=English");
        await page.WaitForSelectorAsync("h1:text('Hospital interfaces')");
    }
}
