using HealthLinks.Demo;
using HealthLinks.Features.Accounts;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>Sign-ins that end while a page is open: the page stops, and nothing it sends afterwards is stored.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserApp app)
{
    /// <summary>The page is at the sign-in page, however it got there (a redirect, or a navigation the page itself made).</summary>
    private static async Task AtSignIn(IPage page) =>
        await page.WaitForFunctionAsync("() => location.pathname === '/login'", null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });

    [Fact]
    public async Task SigningOutInOneTab_StopsTheOpenPlanInAnother_BeforeItSaves()
    {
        var coordinator = DemoAccounts.All.Single(a => a.Role == Roles.CareCoordinator).Email;
        Domain.PatientId patient;
        int version;
        await using (var db = app.NewDb())
        {
            var lead = await db.Providers.Where(p => p.Email == coordinator).Select(p => p.Id).SingleAsync();
            (patient, version) = await db.CareTeamMembers.Where(m => m.ProviderId == lead && m.IsLead && m.LeftOn == null)
                .Join(db.CarePlans, m => m.PatientId, p => p.PatientId, (m, p) => new { m.PatientId, p.Version }).Select(x => ValueTuple.Create(x.PatientId, x.Version)).FirstAsync();
        }

        var plan = await Pages.SignedIn(app, coordinator);
        await plan.GotoAsync($"patients/{patient}/plan");
        await plan.WaitForSelectorAsync("form.plan[data-interactive]");

        var other = await plan.Context.NewPageAsync();
        await other.GotoAsync(app.BaseUrl + "/");
        await other.ClickAsync("form[action=logout] button");
        await AtSignIn(other);

        // Whichever comes first, the page's check every few seconds or the gate's check at the save, the page goes to
        // sign in and the plan keeps its version.
        try
        {
            await plan.GetByRole(AriaRole.Button, new() { Name = "Add a goal", Exact = true }).ClickAsync(new() { Timeout = 5_000 });
            await plan.Locator(".goal textarea").Last.FillAsync("Written after signing out", new() { Timeout = 5_000 });
            await plan.GetByRole(AriaRole.Button, new() { Name = "Save the plan", Exact = true }).ClickAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // The page had already left for the sign-in page.
        }

        await AtSignIn(plan);
        await using var read = app.NewDb();
        Assert.Equal(version, await read.CarePlans.Where(p => p.PatientId == patient).Select(p => p.Version).SingleAsync());
    }

    [Fact]
    public async Task ADisabledAccount_IsSignedOutOfItsOpenPage()
    {
        var email = $"leaving-{Guid.NewGuid():N}@example.org";
        Guid healthLink;
        await using (var db = app.NewDb())
        {
            healthLink = await db.HealthLinks.Select(h => h.Id).FirstAsync();
        }

        var created = await app.Services.GetRequiredService<CreateAccount.Handler>().Handle(AccountRights.CommandLine, new() { Email = email, Roles = [Roles.CareCoordinator], HealthLinkId = healthLink, Password = DemoAccounts.Password });
        Assert.True(created.Succeeded, string.Join("; ", created.Violations));
        var page = await Pages.SignedIn(app, email);
        await page.GotoAsync("patients");
        await page.WaitForSelectorAsync("form[data-interactive]");

        Assert.True((await app.Services.GetRequiredService<ChangeAccount.Handler>().Handle(AccountRights.CommandLine, created.Value!.UserId, ChangeAccount.Change.Disable)).Succeeded);
        await AtSignIn(page);
        await page.GotoAsync("patients");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }
}
