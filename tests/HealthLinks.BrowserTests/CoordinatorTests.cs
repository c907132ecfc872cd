using HealthLinks.Demo;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CoordinatorTests(BrowserApp app)
{
    [Fact]
    public async Task Coordinator_SearchesAPatient_OpensTheOverview_AndSwitchesToFrench()
    {
        var (given, family) = await AnEnrolledPatientWithALead();
        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await Assertions.Expect(page.Locator("#caseload")).ToContainTextAsync("My patients as lead care coordinator");
        Assert.True(await page.Locator("table.data tbody tr").CountAsync() > 0);
        await Pages.AssertAccessible(page);

        await page.GotoAsync("patients");
        await page.WaitForSelectorAsync(".grid[data-interactive]");
        await page.WaitForSelectorAsync("table.data tbody tr a");
        await Pages.AssertAccessible(page);

        await page.FillAsync("#search-name", $"{given} {family}");
        await page.ClickAsync("form[role=search] button[type=submit]");
        var link = page.Locator("table.data tbody tr a", new PageLocatorOptions { HasText = $"{family}, {given}" });
        await link.First.ClickAsync();
        await Pages.AtPath(page, "/patients/[0-9a-f-]{36}$");
        Assert.DoesNotContain(family, page.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"{given} {family}");
        await Assertions.Expect(page.Locator("#team")).ToHaveTextAsync("Care team");
        await Assertions.Expect(page.Locator("section[aria-labelledby=team] tbody tr").First).ToContainTextAsync("Lead care coordinator");
        await Pages.AssertAccessible(page);

        await page.ClickAsync("a[lang=fr]");
        await Assertions.Expect(page.Locator("#team")).ToHaveTextAsync("Équipe de soins");
        await Assertions.Expect(page.Locator("section[aria-labelledby=team] tbody tr").First).ToContainTextAsync("Coordonnateur principal des soins");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Pages.AssertAccessible(page);

        // The choice persists to the next page.
        await page.GotoAsync("patients");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Trouver un patient");
        await page.ClickAsync("a[lang=en]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Find a patient");
    }

    [Fact]
    public async Task NewPatientForm_ShowsEachProblemAtItsField_AndStoresNothing()
    {
        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.GotoAsync("patients/new");
        await page.WaitForSelectorAsync("#given");
        await Task.Delay(1000); // let the interactive circuit take over the prerendered form
        await page.FillAsync("#family", "Zed-Invalid");
        await page.FillAsync("#card", "1234567890");
        await page.FillAsync("#email", "nope");
        await page.ClickAsync("button.primary");
        await Assertions.Expect(page.Locator("#card-error")).ToContainTextAsync("check digit");
        await Assertions.Expect(page.Locator("#given-error")).ToContainTextAsync("required");
        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("not a valid email");
        // A coordinator registers patients in their own Health Link only, so it is chosen for them.
        await Assertions.Expect(page.Locator("#healthlink option:not([value='00000000-0000-0000-0000-000000000000'])")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#card")).ToHaveAttributeAsync("aria-invalid", "true");
        await Pages.AssertAccessible(page);
        await using var db = app.NewDb();
        Assert.False(await db.Patients.AnyAsync(p => p.FamilyName == "Zed-Invalid"));

        await page.FillAsync("#given", "Zoé");
        await page.FillAsync("#card", "9876543217");
        await page.FillAsync("#email", "");
        await page.FillAsync("#dob", "1950-02-03");
        await page.ClickAsync("button.primary");
        await Pages.AtPath(page, "/patients/[0-9a-f-]{36}$");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Zoé Zed-Invalid");
    }

    [Fact]
    public async Task Admin_PagesForOrganizationsProvidersAndHealthLinks_AreAccessible()
    {
        var page = await Pages.SignedIn(app, "admin@demo.healthlinks.ca");
        foreach (var path in new[] { "admin/organizations", "admin/providers", "admin/health-links" })
        {
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync("table.data tbody tr");
            await Pages.AssertAccessible(page);
        }
    }

    [Fact]
    public async Task TheLoginPage_IsAccessible_AndListsTheDemoAccounts()
    {
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl + "/" });
        await page.GotoAsync("login");
        await Assertions.Expect(page.Locator(".demo-accounts tbody tr")).ToHaveCountAsync(DemoAccounts.All.Count);
        await Pages.AssertAccessible(page);
    }

    private async Task<(string Given, string Family)> AnEnrolledPatientWithALead()
    {
        await using var db = app.NewDb();
        // One the demo coordinator leads: another coordinator's patient shows them registration details only.
        var coordinator = await db.Users.Where(u => u.Email == DemoAccounts.All[0].Email).Select(u => u.ProviderId).SingleAsync();
        var leadPatientIds = db.CareTeamMembers.Where(m => m.IsLead && m.LeftOn == null && m.ProviderId == coordinator).Select(m => m.PatientId);
        var patient = await db.Patients.Where(p => leadPatientIds.Contains(p.Id)).OrderBy(p => p.FamilyName).FirstAsync();
        return (patient.GivenName, patient.FamilyName);
    }
}
