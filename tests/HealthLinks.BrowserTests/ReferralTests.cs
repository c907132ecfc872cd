using HealthLinks.Demo;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReferralTests(BrowserApp app)
{
    /// <summary>Answers "what is A plus B?" as a person reads it.</summary>
    private static async Task Answer(IPage page)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(await page.Locator("label[for=challenge]").InnerTextAsync(), @"\d+").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await page.FillAsync("#challenge", (numbers[^2] + numbers[^1]).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.PressAsync("#challenge", "Tab");
    }

    [Fact]
    public async Task ACaregiverAsksForCare_WithoutAnAccount_AndACoordinatorAcceptsIt()
    {
        var family = "Lalonde" + Guid.NewGuid().ToString("N")[..5];
        var visitor = await app.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl + "/" });
        await visitor.GotoAsync("login");
        await visitor.ClickAsync("text=Ask for coordinated care");
        await visitor.WaitForSelectorAsync("form.form[data-interactive]");
        // Without the answer to the question a script would not answer, nothing is sent.
        await visitor.ClickAsync("button:text-is('Send')");
        await Assertions.Expect(visitor.Locator("#challenge-error")).ToContainTextAsync("not the answer");
        await Answer(visitor);
        await visitor.ClickAsync("button:text-is('Send')");
        await Assertions.Expect(visitor.Locator("#given-error")).ToContainTextAsync("required");
        await Pages.AssertAccessible(visitor);

        await visitor.Locator("#source").SelectOptionAsync("Caregiver");
        await visitor.FillAsync("#given", "Rose");
        await visitor.FillAsync("#family", family);
        await visitor.FillAsync("#dob", "1941-09-12");
        await visitor.FillAsync("#by", "Marc, her son");
        await visitor.FillAsync("#phone", "613-555-0177");
        await visitor.FillAsync("#reason", "Four ED visits since the summer; she lives alone");
        await visitor.PressAsync("#reason", "Tab"); // the fields bind on change: leave the last one before sending
        await Assertions.Expect(visitor.Locator("#given-error")).ToBeEmptyAsync();
        await visitor.ClickAsync("button:text-is('Send')");
        await Assertions.Expect(visitor.Locator("[role=status]")).ToContainTextAsync("A care coordinator will contact you");

        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.ClickAsync("nav >> text=Referrals");
        await page.WaitForSelectorAsync(".grid[data-interactive]");
        var row = page.Locator("table.referrals tbody tr", new PageLocatorOptions { HasText = family });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Pages.AssertAccessible(page);
        await row.Locator("button:has-text('Accept')").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Accepted");
        await Assertions.Expect(row.Locator("a")).ToHaveTextAsync($"{family}, Rose");

        await using var db = app.NewDb();
        var patient = await db.Patients.SingleAsync(p => p.FamilyName == family);
        Assert.True(await db.Enrollments.AnyAsync(e => e.PatientId == patient.Id && e.IsOpen));
    }
}
