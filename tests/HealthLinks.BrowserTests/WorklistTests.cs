using HealthLinks.Demo;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class WorklistTests(BrowserApp app)
{
    [Fact]
    public async Task ACoordinator_ScreensTheDemoPopulation_SeesWhy_TakesOneOn_AndDismissesAnother()
    {
        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.ClickAsync("nav >> text=Worklist");
        await page.WaitForSelectorAsync(".grid[data-interactive]");
        await page.ClickAsync("text=Run screening");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("new candidates");
        await Assertions.Expect(page.Locator("text=Cost-risk model version")).ToBeVisibleAsync();
        var rows = page.Locator("table.worklist tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Pages.AssertAccessible(page);

        var first = rows.First;
        await first.Locator("summary").ClickAsync();
        await Assertions.Expect(first.Locator("details li").First).ToBeVisibleAsync();
        var name = await first.Locator("td a").First.InnerTextAsync();
        await first.Locator("button:has-text('Take on')").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("Assigned");

        // An empty reason is refused at the field; with one, the candidate leaves the "new" list.
        var second = rows.First;
        var other = await second.Locator("td a").First.InnerTextAsync();
        Assert.NotEqual(name, other);
        await second.Locator("button:has-text('Dismiss')").ClickAsync();
        await Assertions.Expect(second.Locator(".validation-message")).ToHaveTextAsync("This field is required.");
        await second.GetByPlaceholder("Reason for dismissing").FillAsync("Moved to another region");
        await second.Locator("button:has-text('Dismiss')").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]").First).ToHaveTextAsync("Dismissed.");
        await Assertions.Expect(page.Locator("table.worklist tbody td a", new PageLocatorOptions { HasText = other })).ToHaveCountAsync(0);

        // The one taken on is invited, consents, and is enrolled.
        await page.Locator("#state").SelectOptionAsync("Assigned");
        await page.Locator("table.worklist tbody td a", new PageLocatorOptions { HasText = name }).ClickAsync();
        await page.ClickAsync("text=Invite");
        await page.WaitForSelectorAsync("form.form[data-interactive]");
        await page.Locator("#outcome").SelectOptionAsync("Accepted");
        await page.Locator("#consent-by").SelectOptionAsync("Patient");
        await page.Locator("#consent-how").SelectOptionAsync("InPerson");
        await Pages.AssertAccessible(page);
        await page.ClickAsync("text=Record the attempt");
        await Assertions.Expect(page.Locator("[role=status]").Last).ToHaveTextAsync("Recorded. The episode is now: Enrolled.");
        await Assertions.Expect(page.Locator("table.data tbody tr")).ToHaveCountAsync(1);

        // The providers who know the patient got their information sheet, in the outbox.
        var family = name.Split(',')[0];
        var sheets = Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.Subject?.Contains(family, StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(sheets);
        Assert.All(sheets, m => Assert.Contains("lead care coordinator", m.TextBody, StringComparison.Ordinal));
        await page.ClickAsync("text=Invitation letter");
        await page.ClickAsync(".sheet-tools a[lang=en]");
        await Assertions.Expect(page.Locator("article.letter h1")).ToHaveTextAsync("Coordinated care: an invitation");
        await Pages.AssertAccessible(page);

        await using var db = app.NewDb();
        Assert.Equal(1, await db.WorklistEntries.CountAsync(w => w.DismissedReason == "Moved to another region"));
        Assert.True(await db.WorklistEntries.AnyAsync(w => w.AssignedTo != null));
    }
}
