using System.Globalization;
using System.Text.RegularExpressions;

using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>
/// A coordinator's whole loop with a new patient, as a new user does it, in English and in French: register, enroll,
/// build the care team (two providers from the directory, one who is not in it), a complete plan, a conference
/// scheduled and one recorded with the patient who has no email, and the new member finding their action in My work.
/// axe on every page; in French, no English words on any page visited. Once more with the clock at 23:30 in Toronto
/// (04:30 the next day in UTC, where the server runs): every "today" must still be Toronto's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DailyLoopTests(BrowserApp app)
{
    /// <summary>Interface words that would betray an untranslated page (none of them is in a demo name or organization).</summary>
    [GeneratedRegex(@"\b(Save|Search|Choose|Loading|Schedule|Invite|Invited|Remove|Status|Family physician|Pharmacist|Care team|care plan|Who|What|When|Where|items|Page \d+ of|Attended|Absent|Added|Joined|Main contact|Lead care|the|with|your|you|Sign out|My work|Inbox|Yes|No email|Not|Reason|Upcoming|Open|Overdue|Done|Proposed|Accepted|Cancelled|Scheduled|Held)\b")]
    private static partial Regex EnglishWords();

    [Theory]
    [InlineData("en", false)]
    [InlineData("fr", false)]
    [InlineData("en", true)]
    public async Task ANewPatient_IsEnrolled_GetsATeamAPlanAndConferences_AndTheNewMemberSeesTheirAction(string language, bool evening)
    {
        using var hour = evening ? app.Clock.At(new TimeOnly(23, 30)) : null;
        Assert.Same(app.Clock, app.Services.GetRequiredService<TimeProvider>());
        var now = Ontario.ToWallClock(app.Clock.GetUtcNow().UtcDateTime);
        var run = evening ? $"{language}-evening" : language;
        var culture = new CultureInfo(language);
        string T(string key)
        {
            var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
            try
            {
                return app.Services.GetRequiredService<IStringLocalizer<Strings>>()[key];
            }
            finally
            {
                (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
            }
        }

        var physicianEmail = DemoAccounts.All.Single(a => a.Role == Roles.Provider).Email;
        Provider physician, pharmacist;
        await using (var db = app.NewDb())
        {
            physician = await db.Providers.SingleAsync(p => p.Email == physicianEmail);
            var region = await db.Organizations.Where(o => o.Id == physician.OrganizationId).Select(o => o.RegionId).SingleAsync();
            pharmacist = await db.Providers.Join(db.Organizations.Where(o => o.RegionId == region), p => p.OrganizationId, o => o.Id, (p, _) => p)
                .Where(p => p.Profession == Profession.Pharmacist).OrderBy(p => p.FamilyName).FirstAsync();
        }

        var visited = new List<(string Url, string Text)>();
        async Task Check(IPage p)
        {
            if (!evening)
            {
                await Pages.AssertAccessible(p); // the evening's pages are the same pages: their hour is what is tested
            }

            visited.Add((p.Url, await p.Locator("body").InnerTextAsync()));
        }

        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.GotoAsync($"culture/{language}?returnUrl=%2F");

        // Register the patient: no email, a valid health card number.
        var family = $"Loop-{language}-{Guid.NewGuid().ToString("N")[..6]}";
        var nine = $"7{Random.Shared.Next(10_000_000, 99_999_999)}";
        await page.GotoAsync("patients/new");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.FillAsync("#given", "Rosalie");
        await page.FillAsync("#family", family);
        await page.FillAsync("#dob", "1948-05-17");
        await page.FillAsync("#card", nine + HealthCardNumber.CheckDigit(nine));
        await Check(page);
        await page.ClickAsync("button.primary");
        await Pages.AtPath(page, "/patients/[0-9a-f-]{36}$");
        var patient = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Check(page);

        // Enroll: the patient agrees in person; the coordinator becomes the lead.
        await page.GotoAsync($"patients/{patient}/invite");
        await page.WaitForSelectorAsync("form.form[data-interactive]");
        await page.Locator("#outcome").SelectOptionAsync("Accepted");
        await page.Locator("#consent-by").SelectOptionAsync("Patient");
        await page.Locator("#consent-how").SelectOptionAsync("InPerson");
        await Check(page);
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("[role=status]").Last).ToContainTextAsync(T("EnrollmentStatus_Enrolled"));

        // The care team: a family physician and a pharmacist from the directory, a home care nurse who is not in it.
        await page.GotoAsync($"patients/{patient}/team");
        await page.WaitForSelectorAsync("form[data-interactive]");
        foreach (var (provider, role) in new[] { (physician, "FamilyPhysician"), (pharmacist, "Pharmacist") })
        {
            await page.FillAsync("#search", provider.FamilyName);
            await page.Locator($"#provider-{provider.Id.Value}").CheckAsync();
            await page.Locator("#role").SelectOptionAsync(role);
            await page.ClickAsync("main button[type=submit].primary");
            await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync(provider.DisplayName);
        }

        await page.Locator("#who-NewProvider").CheckAsync();
        await page.FillAsync("#np-given", "Mireille");
        await page.FillAsync("#np-family", $"Nurse-{language}");
        await page.Locator("#np-organization").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.FillAsync("#np-email", "not an email");
        await page.Locator("#role").SelectOptionAsync("Nurse");
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("#err-NewProvider-Email")).ToBeVisibleAsync(); // refused at its field
        await Check(page);
        await page.FillAsync("#np-email", $"mireille.{language}@example.org");
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync($"Mireille Nurse-{language}");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync(T("TeamRole_FamilyPhysician"));
        // Joined today in Toronto, even when it is already tomorrow in UTC.
        await Assertions.Expect(page.Locator("table.data tbody tr", new() { HasText = $"Mireille Nurse-{language}" }).First)
            .ToContainTextAsync(Languages.In(language, () => Languages.Date(DateOnly.FromDateTime(now))));
        await Check(page);

        // The plan: a goal and an action for the physician make it complete.
        await page.GotoAsync($"patients/{patient}/plan");
        await page.WaitForSelectorAsync("form.plan[data-interactive]");
        await Assertions.Expect(page.Locator("#completeness")).ToHaveTextAsync(T("Plan_Incomplete"));
        await page.GetByRole(AriaRole.Button, new() { Name = T("Plan_AddGoal"), Exact = true }).ClickAsync();
        await page.Locator(".goal textarea").First.FillAsync("Rester chez moi / stay at home");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Plan_AddAction"), Exact = true }).ClickAsync();
        var what = $"Review the medications ({run})";
        await page.Locator(".action input").First.FillAsync(what);
        var owner = await page.Locator(".action select option", new() { HasText = physician.DisplayName }).First.GetAttributeAsync("value");
        await page.Locator(".action select").First.SelectOptionAsync(owner!);
        await page.GetByRole(AriaRole.Button, new() { Name = T("Plan_Save"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#completeness")).ToHaveTextAsync(T("Plan_Complete"));
        await Check(page);

        // A conference next week: on the patient's list, on /conferences and on the home page.
        var nextWeek = now.Date.AddDays(7).AddHours(10);
        await page.GotoAsync($"patients/{patient}/conferences");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.FillAsync("#at", $"{nextWeek:yyyy-MM-ddTHH:mm}");
        await page.FillAsync("#place", "Salle 3");
        await Check(page);
        await page.ClickAsync("main button[type=submit].primary");
        await Pages.AtPath(page, "/conferences/[0-9a-f-]{36}$");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Salle 3");
        await Check(page);
        await page.GotoAsync($"patients/{patient}/conferences");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Salle 3");
        await page.GotoAsync("conferences");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync(family);
        await Check(page);
        await page.GotoAsync("");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(family);
        await Check(page);

        // One that took place an hour ago, the patient (who has no email) attending: nothing asks for an address.
        await page.GotoAsync($"patients/{patient}/conferences");
        await page.WaitForSelectorAsync("form[data-interactive]");
        await page.Locator("#held").CheckAsync();
        await page.FillAsync("#at", $"{now.AddHours(-1):yyyy-MM-ddTHH:mm}");
        await page.FillAsync("#place", "Domicile");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(T("Conference_NoEmail"));
        await page.ClickAsync("main button[type=submit].primary");
        await Pages.AtPath(page, "/conferences/[0-9a-f-]{36}$");
        await page.WaitForSelectorAsync("#record ~ form[data-interactive]");
        await page.FillAsync("#notes", "Rosalie a participé / Rosalie took part.");
        await Check(page);
        await page.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(page.Locator("#outcome")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(T("Conference_Attended"));
        await Check(page);

        // The physician, new on this team, finds the action in My work.
        var physicianPage = await Pages.SignedIn(app, physicianEmail);
        await physicianPage.GotoAsync($"culture/{language}?returnUrl=%2Fmy-work");
        await Assertions.Expect(physicianPage.Locator("main table")).ToContainTextAsync(what);
        await Check(physicianPage);

        if (language == "fr")
        {
            var english = visited.Select(v => (v.Url, Words: EnglishWords().Matches(v.Text.Replace(what, "").Replace("stay at home", "").Replace("took part", "")).Select(m => m.Value).Distinct().ToList()))
                .Where(v => v.Words.Count > 0).ToList();
            Assert.True(english.Count == 0, string.Join("\n", english.Select(e => $"{e.Url}: {string.Join(", ", e.Words)}")));
        }

        await page.GotoAsync("culture/en?returnUrl=%2F");
        await physicianPage.GotoAsync("culture/en?returnUrl=%2F");
    }
}
