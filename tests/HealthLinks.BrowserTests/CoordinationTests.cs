using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>The coordinator's daily work in the browser: a care conference whose decisions reach the owners' My work, and a warm hand-off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinationTests(BrowserApp app)
{
    private static string Coordinator => DemoAccounts.All[0].Email;

    [Fact]
    public async Task AConference_IsScheduled_Recorded_AndItsNewAction_IsInTheProvidersWork()
    {
        // A patient the demo coordinator leads, and an account for the family physician on that patient's team.
        Guid patient;
        Provider physician;
        await using (var db = app.NewDb())
        {
            var coordinator = await db.Providers.Where(p => p.Email == Coordinator).Select(p => p.Id).SingleAsync();
            patient = (await db.CareTeamMembers.Where(m => m.ProviderId == coordinator && m.IsLead && m.LeftOn == null).OrderBy(m => m.JoinedOn).Select(m => m.PatientId).FirstAsync()).Value;
            var member = await db.CareTeamMembers.Where(m => m.PatientId == new PatientId(patient) && m.Role == "Family physician" && m.LeftOn == null).Select(m => m.ProviderId).FirstAsync();
            physician = await db.Providers.SingleAsync(p => p.Id == member);
        }

        var physicianEmail = await NewAccount(physician, Roles.Provider);

        var page = await Pages.SignedIn(app, Coordinator);
        await page.GotoAsync($"patients/{patient}/conferences");
        await page.WaitForSelectorAsync("form[data-interactive]");
        var nextWeek = Ontario.ToWallClock(DateTime.UtcNow).Date.AddDays(7).AddHours(10);
        await page.GetByLabel("When (Ontario time)").FillAsync($"{nextWeek:yyyy-MM-ddTHH:mm}");
        await page.GetByLabel("Place", new() { Exact = true }).FillAsync("Health Link office, room 3");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/conferences/*", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Who is invited");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("room 3");
        await Pages.AssertAccessible(page);

        // One that took place an hour ago: recorded with attendance and a decision that gives the physician an action.
        await page.GotoAsync($"patients/{patient}/conferences");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.GetByLabel("It already took place").CheckAsync();
        await page.GetByLabel("When (Ontario time)").FillAsync($"{Ontario.ToWallClock(DateTime.UtcNow).AddHours(-1):yyyy-MM-ddTHH:mm}");
        await page.GetByLabel("Place", new() { Exact = true }).FillAsync("The patient's home");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/conferences/*", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("The patient and his daughter joined.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a decision" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Decision 1" }).GetByLabel("What was decided").FillAsync("Make the home safer before winter");
        await page.GetByLabel("Action it creates").FillAsync("Order a home safety assessment");
        await page.GetByLabel("The new goal, in the patient's words").FillAsync("I want to stay in my home safely");
        await page.Locator("#owner-0").SelectOptionAsync(new SelectOptionValue { Label = $"{physician.DisplayName} (Family physician)" });
        await page.GetByLabel("Target date").FillAsync($"{DateTime.Today.AddDays(10):yyyy-MM-dd}");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#outcome")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Make the home safer before winter");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Plan agreed");
        await Pages.AssertAccessible(page);

        var physicianPage = await Pages.SignedIn(app, physicianEmail);
        await physicianPage.GotoAsync("my-work");
        await Assertions.Expect(physicianPage.Locator("main table")).ToContainTextAsync("Order a home safety assessment");
        await Pages.AssertAccessible(physicianPage);
    }

    [Fact]
    public async Task AHandOff_IsProposed_AcceptedByTheNewLead_AndTheLeadChangesOnThePlan_WithBothSteps()
    {
        Guid patient;
        Provider next;
        await using (var db = app.NewDb())
        {
            var coordinator = await db.Providers.SingleAsync(p => p.Email == Coordinator);
            patient = (await db.CareTeamMembers.Where(m => m.ProviderId == coordinator.Id && m.IsLead && m.LeftOn == null).OrderByDescending(m => m.PatientId).Select(m => m.PatientId).FirstAsync()).Value;
            var region = await db.Patients.Where(p => p.Id == new PatientId(patient)).Join(db.HealthLinks, p => p.HealthLinkId, h => h.Id, (p, h) => h.RegionId).SingleAsync();
            next = await db.Providers.Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o.RegionId })
                .Where(x => x.p.Profession == Profession.CareCoordinator && x.RegionId == region && x.p.Id != coordinator.Id)
                .OrderBy(x => x.p.FamilyName).ThenBy(x => x.p.GivenName).Select(x => x.p).FirstAsync();
        }

        var nextEmail = await NewAccount(next, Roles.CareCoordinator);

        var page = await Pages.SignedIn(app, Coordinator);
        await page.GotoAsync($"patients/{patient}/lead");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.Locator("#to").SelectOptionAsync(new SelectOptionValue { Value = next.Id.Value.ToString() });
        await page.GetByLabel("Hand-off note").FillAsync("Lives alone; his daughter calls on Sundays. Home care visits Monday and Thursday.");
        await page.GetByLabel("Changeover day").FillAsync($"{Ontario.Today(TimeProvider.System):yyyy-MM-dd}");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#history ~ table")).ToContainTextAsync("Proposed");
        await Pages.AssertAccessible(page);

        var nextPage = await Pages.SignedIn(app, nextEmail);
        await Assertions.Expect(nextPage.Locator("main")).ToContainTextAsync("Hand-offs waiting for me: 1");
        await nextPage.GotoAsync("hand-offs");
        await nextPage.WaitForSelectorAsync("form[data-interactive]");
        await Assertions.Expect(nextPage.Locator("main")).ToContainTextAsync("Home care visits Monday and Thursday.");
        await Pages.AssertAccessible(nextPage);
        await nextPage.GetByRole(AriaRole.Button, new() { Name = "Accept and join the team" }).ClickAsync();
        await Assertions.Expect(nextPage.Locator("[role=status]").Last).ToContainTextAsync("You accepted");

        await nextPage.GotoAsync($"patients/{patient}/plan");
        await Assertions.Expect(nextPage.Locator("main li", new() { HasText = next.DisplayName })).ToContainTextAsync("Lead");
        await nextPage.GotoAsync($"patients/{patient}/lead");
        var history = nextPage.Locator("#history ~ table tbody tr").First;
        await Assertions.Expect(history).ToContainTextAsync(Coordinator); // proposed by
        await Assertions.Expect(history).ToContainTextAsync($"Accepted");
        await Assertions.Expect(history).ToContainTextAsync(nextEmail); // answered by
        await Pages.AssertAccessible(nextPage);
    }

    private async Task<string> NewAccount(Provider provider, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = new UserAccount { UserName = email, Email = email, ProviderId = provider.Id, DisplayName = provider.DisplayName };
        Assert.True((await users.CreateAsync(account, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        return email;
    }
}
