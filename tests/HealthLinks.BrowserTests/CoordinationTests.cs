using HealthLinks.Demo;
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
        // A patient of its own (other tests change the demo patients), led by the demo coordinator, with a family physician.
        var (patient, physician) = await OwnPatient("Conference");
        var physicianEmail = await NewAccount(physician, Roles.Provider);

        var page = await Pages.SignedIn(app, Coordinator);
        await page.GotoAsync($"patients/{patient}/conferences");
        await page.WaitForSelectorAsync("form[data-interactive]");
        var nextWeek = Ontario.ToWallClock(DateTime.UtcNow).Date.AddDays(7).AddHours(10);
        await page.GetByLabel("When (Ontario time)").FillAsync($"{nextWeek:yyyy-MM-ddTHH:mm}");
        await page.GetByLabel("Place", new() { Exact = true }).FillAsync("Health Link office, room 3");
        await page.ClickAsync("main button[type=submit]");
        await Pages.AtPath(page, "/conferences/[0-9a-f-]{36}$");
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
        await Pages.AtPath(page, "/conferences/[0-9a-f-]{36}$");
        await page.WaitForSelectorAsync("#record ~ form[data-interactive]");
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("The patient and his daughter joined.");
        await AddDecision(page);
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
        var (patient, _) = await OwnPatient("HandOff");
        Provider next;
        await using (var db = app.NewDb())
        {
            var coordinator = await db.Providers.SingleAsync(p => p.Email == Coordinator);
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
        await Pages.AssertAccessible(nextPage); // the dashboard
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

    /// <summary>A new patient in the demo coordinator's Health Link, whom the coordinator leads, with a new family physician on the team.</summary>
    private async Task<(Guid Patient, Provider Physician)> OwnPatient(string family)
    {
        await using var db = app.NewDb();
        var coordinator = await db.Providers.SingleAsync(p => p.Email == Coordinator);
        var healthLink = await db.Users.Where(u => u.Email == Coordinator).Select(u => u.HealthLinkId).SingleAsync();
        var today = Ontario.Today(TimeProvider.System);
        var physician = new Provider(coordinator.OrganizationId, "Fiona", $"Family{family}", Profession.FamilyPhysician);
        var patient = new Patient(healthLink!.Value, new PatientDetails { GivenName = "Gérald", FamilyName = family, DateOfBirth = new DateOnly(1947, 3, 14), City = "Ottawa" }, today);
        patient.AddProviderToTeam(coordinator.Id, "Lead care coordinator", today.AddDays(-30), isLead: true);
        patient.AddProviderToTeam(physician.Id, "Family physician", today.AddDays(-30));
        db.AddRange(physician, patient);
        await db.SaveChangesAsync();
        return (patient.Id.Value, physician);
    }

    /// <summary>Adds the first decision's fields; a click that lands while the page is still re-rendering is tried again.</summary>
    private static async Task AddDecision(IPage page)
    {
        for (var attempt = 0; attempt < 3 && !await page.Locator("#decision-0").IsVisibleAsync(); attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Add a decision" }).ClickAsync();
            try
            {
                await page.Locator("#decision-0").WaitForAsync(new() { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Try the click again.
            }
        }
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
