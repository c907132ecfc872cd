using HealthLinks.Demo;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CareTeamTests(BrowserApp app)
{
    [Fact]
    public async Task TheCoordinator_BuildsTheTeam_FromTheDirectoryAndWithSomeoneNew_InEnglishAndFrench()
    {
        Guid patient;
        string family, name;
        await using (var db = app.NewDb())
        {
            // The demo coordinator's first patient, and a social worker of the region who is not on that patient's team.
            var coordinator = await db.Providers.Where(p => p.Email == DemoAccounts.All[0].Email).Select(p => p.Id).SingleAsync();
            patient = (await db.CareTeamMembers.OrderBy(m => m.JoinedOn).FirstAsync(m => m.ProviderId == coordinator && m.IsLead && m.LeftOn == null)).PatientId.Value;
            var id = new Domain.PatientId(patient);
            var onTeam = db.CareTeamMembers.Where(m => m.PatientId == id && m.ProviderId != null).Select(m => m.ProviderId!.Value);
            var region = await db.Patients.Where(p => p.Id == id).Join(db.HealthLinks, p => p.HealthLinkId, h => h.Id, (_, h) => h.RegionId).SingleAsync();
            var outsider = await db.Providers.Join(db.Organizations.Where(o => o.RegionId == region), p => p.OrganizationId, o => o.Id, (p, _) => p)
                .Where(p => !onTeam.Contains(p.Id) && p.Profession == Domain.Profession.SocialWorker).OrderBy(p => p.FamilyName).FirstAsync();
            (family, name) = (outsider.FamilyName, outsider.DisplayName);
        }

        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.GotoAsync($"patients/{patient}/team");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.GetByLabel("Search the directory").FillAsync(family);
        await page.GetByLabel(name, new() { Exact = false }).First.CheckAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Chosen: {name}");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("SocialWorker");
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync(name);
        await Pages.AssertAccessible(page);

        await page.GetByLabel("A provider not in the directory yet").CheckAsync();
        await page.GetByLabel("Given name").FillAsync("Noor");
        await page.GetByLabel("Family name").FillAsync("Newcomer");
        await page.Locator("#np-organization").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Email").FillAsync("not an email");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Nurse");
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("#err-NewProvider-Email")).ToBeVisibleAsync();
        await Pages.AssertAccessible(page);
        await page.GetByLabel("Email").FillAsync("noor.newcomer@example.org");
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync("Noor Newcomer");

        await page.GotoAsync($"culture/fr?returnUrl=%2Fpatients%2F{patient}%2Fteam");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Équipe de soins");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync("Travailleur social");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync("Coordonnateur principal des soins");
        await Pages.AssertAccessible(page);
        await page.GotoAsync("culture/en?returnUrl=%2F");
    }
}
