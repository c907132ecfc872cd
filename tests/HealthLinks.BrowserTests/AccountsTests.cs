using System.Text.RegularExpressions;

using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>An administrator invites a coordinator, who chooses a password through the emailed link and signs in; in English and French.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountsTests(BrowserApp app)
{
    [Theory]
    [InlineData("en", "was invited", "Your password is saved")]
    [InlineData("fr", "a été invité", "Votre mot de passe est enregistré")]
    public async Task AnAdministrator_InvitesACoordinator_WhoChoosesAPassword_AndSignsIn(string language, string invited, string saved)
    {
        var admin = await Pages.SignedIn(app, DemoAccounts.All.Single(a => a.Role == Roles.HealthLinkAdmin).Email);
        await admin.GotoAsync($"culture/{language}?returnUrl=%2Fadmin%2Fusers");
        await admin.WaitForSelectorAsync("form[data-interactive]");
        await Pages.AssertAccessible(admin);

        var email = $"new-coordinator-{language}-{Guid.NewGuid():N}@example.org";
        await admin.FillAsync("#email", email);
        await admin.Locator("#role-CareCoordinator").CheckAsync();
        await admin.ClickAsync("form[data-interactive] button[type=submit].primary");
        await Assertions.Expect(admin.Locator("[role=status]").Last).ToContainTextAsync(invited);
        await Assertions.Expect(admin.Locator("table.data")).ToContainTextAsync(email);
        await Pages.AssertAccessible(admin);

        var message = Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        var link = new Uri(Link().Match(message.TextBody ?? "").Value);

        var person = await (await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl + "/" })).NewPageAsync();
        await person.GotoAsync($"culture/{language}?returnUrl={Uri.EscapeDataString(link.PathAndQuery)}");
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync(email);
        await Pages.AssertAccessible(person);
        await person.FillAsync("#password", "Coordinator-Pass-1");
        await person.FillAsync("#confirm", "Not-The-Same-2");
        await person.ClickAsync("main button[type=submit]");
        await Assertions.Expect(person.Locator("main [role=alert]")).ToContainTextAsync(language == "fr" ? "identiques" : "not the same");
        await person.FillAsync("#password", "Coordinator-Pass-1");
        await person.FillAsync("#confirm", "Coordinator-Pass-1");
        await person.ClickAsync("main button[type=submit]");
        await Assertions.Expect(person.Locator("[role=status]")).ToContainTextAsync(saved);

        await person.FillAsync("#email", email);
        await person.FillAsync("#password", "Coordinator-Pass-1");
        await person.ClickAsync("button[type=submit]");
        await person.WaitForFunctionAsync("() => location.pathname === '/'");
        await admin.GotoAsync("culture/en?returnUrl=%2F");
    }

    [GeneratedRegex(@"https?://[^/\s]+/account/password\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex Link();
}
