using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CaregiverTests(BrowserApp app)
{
    [Fact]
    public async Task TheCoordinatorRevokesAndGivesBackAccess_AndTheCaregiverSeesThePlanOnlyMeanwhile()
    {
        Guid patientId, caregiverId;
        await using (var db = app.NewDb())
        {
            patientId = (await db.Patients.SingleAsync(p => p.Email == DemoEmail(Roles.Patient))).Id.Value;
            caregiverId = (await db.RelatedPeople.SingleAsync(r => r.Email == DemoEmail(Roles.Caregiver))).Id;
        }

        var caregiver = await Pages.SignedIn(app, DemoEmail(Roles.Caregiver));
        await caregiver.ClickAsync("nav >> text=Plans shared with me");
        await caregiver.ClickAsync($"a[href='shared-plans/{patientId}']");
        await Assertions.Expect(caregiver.Locator(".plan-sheet h2").First).ToContainTextAsync("1.");
        await Pages.AssertAccessible(caregiver);

        var coordinator = await Pages.SignedIn(app, DemoEmail(Roles.CareCoordinator));
        await coordinator.GotoAsync($"patients/{patientId}");
        await coordinator.ClickAsync("text=Caregiver access");
        await coordinator.WaitForSelectorAsync("#given ~ table");
        await Pages.AssertAccessible(coordinator);
        await coordinator.GetByLabel("Reason").FillAsync("The patient asked us to stop sharing for now");
        await coordinator.ClickAsync("button:text-is('Revoke')");
        await Assertions.Expect(coordinator.Locator("[role=status]")).ToHaveTextAsync("Access revoked.");
        await Assertions.Expect(coordinator.Locator("#given ~ table tbody tr").First).ToContainTextAsync("The patient asked us to stop sharing for now");

        await caregiver.ReloadAsync();
        await Assertions.Expect(caregiver.Locator("h1")).ToHaveTextAsync("Access denied");
        await Assertions.Expect(caregiver.Locator(".plan-sheet")).ToHaveCountAsync(0);

        await coordinator.Locator("#person").SelectOptionAsync(caregiverId.ToString());
        await coordinator.Locator("#agreed-how").SelectOptionAsync("Written");
        await coordinator.ClickAsync("text=Give access to the plan");
        await Assertions.Expect(coordinator.Locator("[role=status]")).ToContainTextAsync("Access given.");

        await caregiver.ReloadAsync();
        await Assertions.Expect(caregiver.Locator(".plan-sheet")).ToHaveCountAsync(1);
    }

    private static string DemoEmail(string role) => DemoAccounts.All.Single(a => a.Role == role).Email;
}
