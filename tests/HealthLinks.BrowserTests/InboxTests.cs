using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class InboxTests(BrowserApp app)
{
    [Fact]
    public async Task AProvider_SeesTheUnreadCount_ReadsTheMessage_AndMarksItRead()
    {
        var email = DemoAccounts.All.Single(a => a.Role == Roles.Provider).Email;
        var title = $"Coordinated care for Test {Guid.NewGuid():N}"[..40];
        await using (var db = app.NewDb())
        {
            db.Notifications.Add(new Notification(email, "information-sheet", title, "What coordinated care is.\n\nHow to reach the lead coordinator.", "/patients", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var page = await Pages.SignedIn(app, email);
        var link = page.Locator(".session a[href=inbox]");
        var before = int.Parse(await link.Locator(".badge").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(before >= 1);
        await link.ClickAsync();
        await page.WaitForSelectorAsync("[data-interactive]");
        var message = page.Locator(".inbox li.unread", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(message.Locator("p").Nth(2)).ToHaveTextAsync("How to reach the lead coordinator.");
        await Pages.AssertAccessible(page);

        await message.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator(".inbox li.read", new PageLocatorOptions { HasText = title })).ToHaveCountAsync(1);
        await page.ReloadAsync();
        var after = await page.Locator(".session a[href=inbox] .badge").CountAsync() == 0 ? 0
            : int.Parse(await page.Locator(".session a[href=inbox] .badge").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before - 1, after);
    }
}
