using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Features.CarePlans;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CarePlanTests(BrowserApp app)
{
    [Fact]
    public async Task Coordinator_FillsAPlanUntilComplete_SavesTwice_AndReadsItInFrench()
    {
        var patientId = await AnActivePatientWithoutAPlan();
        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.GotoAsync($"patients/{patientId}");
        await page.ClickAsync("text=Coordinated care plan");
        await page.WaitForSelectorAsync("form.plan[data-interactive]");
        await Assertions.Expect(page.Locator("#completeness")).ToHaveTextAsync("This plan is not complete yet");

        // An empty goal is refused at its field.
        await page.ClickAsync("text=Add a goal");
        await page.ClickAsync("text=Save the plan");
        await Assertions.Expect(page.Locator(".goal .validation-message").First).ToHaveTextAsync("This field is required.");

        await page.GetByLabel("My goal, in my words").FillAsync("I want to stay in my own home");
        await page.ClickAsync("text=Add an action");
        await page.GetByLabel("What will be done").FillAsync("Arrange a home safety visit");
        await page.GetByLabel("Who is responsible").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.ClickAsync("text=Save the plan");
        await Assertions.Expect(page.Locator("[role=status]").Last).ToHaveTextAsync("Saved as version 1.");
        await Assertions.Expect(page.Locator("#completeness")).ToHaveTextAsync("This plan is complete");

        await page.GetByLabel("Start from a template").SelectOptionAsync("frailty-falls");
        await page.ClickAsync("text=Add its goals");
        await Assertions.Expect(page.Locator(".goal")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByLabel("What will be done").First).ToHaveValueAsync("Arrange a home safety visit");

        await page.ClickAsync("text=Add an allergy");
        await page.GetByLabel("Substance").FillAsync("Penicillin");
        await page.ClickAsync("text=Save the plan");
        await Assertions.Expect(page.Locator("[role=status]").Last).ToHaveTextAsync("Saved as version 2.");
        await Assertions.Expect(page.Locator("#versions ~ table tbody tr")).ToHaveCountAsync(2);
        await Pages.AssertAccessible(page);

        await page.ClickAsync("text=Compare versions of the plan");
        await Assertions.Expect(page.Locator("table.compare caption")).ToHaveTextAsync("What changed from version 1 to version 2");
        await Assertions.Expect(page.Locator("table.compare tbody th", new PageLocatorOptions { HasText = "Allergies · added" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.compare tbody mark", new PageLocatorOptions { HasText = "Penicillin" })).ToHaveCountAsync(1);
        await Pages.AssertAccessible(page);
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("form.plan[data-interactive]");

        await page.ClickAsync("a[lang=fr]");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Plan de soins coordonnés");
        await Assertions.Expect(page.Locator("#s2")).ToHaveTextAsync("2. Mon équipe de soins");
        await page.ClickAsync("a[lang=en]");
        await page.WaitForSelectorAsync("form.plan[data-interactive]");

        // The patient-readable view, and the same as a PDF download.
        await page.ClickAsync("text=Print or PDF");
        await page.ClickAsync(".sheet-tools a[lang=en]"); // it opens in the patient's own language
        await Assertions.Expect(page.Locator(".plan-sheet h2").Nth(4)).ToHaveTextAsync("5. My plan to achieve my goals for care");
        await Pages.AssertAccessible(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Download PDF"));
        Assert.Equal("care-plan-en.pdf", download.SuggestedFilename);
        var pdf = Path.GetTempFileName();
        await download.SaveAsAsync(pdf);
        Assert.Contains("I want to stay in my own home", await Pages.PdfText(pdf), StringComparison.Ordinal);
        File.Delete(pdf);

        await using var db = app.NewDb();
        var plan = await db.CarePlans.Include(p => p.Versions).SingleAsync(p => p.PatientId == patientId);
        Assert.Equal((2, 2), (plan.Version, plan.Versions.Count));
        Assert.NotNull(plan.CompletedAt);
        Assert.Equal("Penicillin", Assert.Single(plan.Document.Allergies).Substance);
        Assert.Equal(3, plan.Document.Goals.Count);
        Assert.All(plan.Document.Goals.SelectMany(g => g.Actions), a => Assert.True(a.ResponsibleMemberId is not null));
    }

    [Fact]
    public async Task TwoEditors_TheSecondSeesWhatTheFirstChanged_AndReappliesTheirEdit()
    {
        PatientId patientId;
        await using (var db = app.NewDb())
        {
            patientId = await db.CarePlans.OrderByDescending(p => p.CreatedAt).Select(p => p.PatientId).FirstAsync();
        }

        var first = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        var second = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"patients/{patientId}/plan");
            await page.WaitForSelectorAsync("form.plan[data-interactive]");
        }

        await AddRow(first, "text=Add an allergy", "Substance", "Shellfish");
        await first.ClickAsync("text=Save the plan");
        await Assertions.Expect(first.Locator("[role=status]").Last).ToContainTextAsync("Saved as version");

        await AddRow(second, "text=Add a treatment", "Treatment", "Home oxygen at night");
        await second.ClickAsync("text=Save the plan");
        await Assertions.Expect(second.Locator("#stale")).ToBeVisibleAsync();
        await Assertions.Expect(second.Locator(".alert li").First).ToContainTextAsync("Shellfish");
        await Pages.AssertAccessible(second);

        await second.ClickAsync("text=Re-apply my changes to the latest version");
        await second.ClickAsync("text=Save the plan");
        await Assertions.Expect(second.Locator("[role=status]").Last).ToContainTextAsync("Saved as version");

        await using var check = app.NewDb();
        var plan = await check.CarePlans.SingleAsync(p => p.PatientId == patientId);
        Assert.Contains(plan.Document.Allergies, a => a.Substance == "Shellfish");
        Assert.Contains(plan.Document.OtherTreatments, t => t.Name == "Home oxygen at night");
    }

    [Fact]
    public async Task AReviewer_ResolvesTwoPharmaciesThatDisagree_IntoOneList()
    {
        PatientId patientId;
        await using (var db = app.NewDb())
        {
            // Not the patient the plan-filling test starts from scratch.
            var busy = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active).OrderBy(e => e.IdentifiedAt).Select(e => e.PatientId).FirstAsync();
            var plan = await db.CarePlans.Where(p => p.PatientId != busy).OrderBy(p => p.CreatedAt).FirstAsync();
            patientId = plan.PatientId;
            var document = plan.Document with
            {
                Medications =
                [
                    new Medication { Name = "Metformin", Dose = "500 mg", Frequency = "twice a day", Source = "Bank Street Pharmacy" },
                    new Medication { Name = "Metformin", Dose = "850 mg", Frequency = "twice a day", Source = "Rideau Pharmacy" },
                ],
            };
            var saved = await app.Services.GetRequiredService<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patientId, plan.Version, document, "test"));
            Assert.True(saved.Saved, string.Join("; ", saved.Violations));
        }

        var page = await Pages.SignedIn(app, DemoAccounts.All[0].Email);
        await page.GotoAsync($"patients/{patientId}/plan");
        await page.WaitForSelectorAsync("form.plan[data-interactive]");
        await Assertions.Expect(page.Locator(".warning")).ToContainTextAsync("Metformin: Sources disagree: Dose");
        await page.ClickAsync("text=Medication review");
        await page.WaitForSelectorAsync("form.plan");
        await Assertions.Expect(page.Locator("fieldset.disagree legend")).ToHaveTextAsync("Metformin");
        await Pages.AssertAccessible(page);

        // Without a reason the review is refused at the field.
        await page.ClickAsync("text=Save the review and the reconciled list");
        await Assertions.Expect(page.Locator("fieldset.disagree .validation-message")).ToHaveTextAsync("This field is required.");

        await page.ClickAsync("button:has-text('Use this'):has-text('Rideau Pharmacy')");
        await Assertions.Expect(page.GetByLabel("Dose", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync("850 mg");
        await page.GetByLabel("Why").FillAsync("Dr. Abbott raised the dose in October");
        await page.ClickAsync("text=Save the review and the reconciled list");
        await Assertions.Expect(page.Locator("[role=status]").Last).ToContainTextAsync("Review saved");
        await Assertions.Expect(page.Locator("#past ~ table tbody tr").First).ToContainTextAsync("Dr. Abbott raised the dose in October");

        await using var check = app.NewDb();
        var reviewed = (await check.CarePlans.SingleAsync(p => p.PatientId == patientId)).Document;
        var metformin = Assert.Single(reviewed.Medications, m => m.Name == "Metformin");
        Assert.Equal(("850 mg", "Rideau Pharmacy"), (metformin.Dose, metformin.Source));
        Assert.NotNull(metformin.ReconciledOn);
    }

    /// <summary>Adds a row and fills it, waiting for the new row first: under load it renders later than the click returns.</summary>
    private static async Task AddRow(IPage page, string addButton, string label, string value)
    {
        var fields = page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });
        var before = await fields.CountAsync();
        await page.ClickAsync(addButton);
        await Assertions.Expect(fields).ToHaveCountAsync(before + 1);
        await fields.Last.FillAsync(value);
    }

    /// <summary>An active demo patient whose plan is removed first, so the test starts from no plan at all.</summary>
    private async Task<PatientId> AnActivePatientWithoutAPlan()
    {
        await using var db = app.NewDb();
        // One of the demo coordinator's own patients: the access rule opens the plan to the care team.
        var coordinator = await db.Providers.Where(p => p.Email == DemoAccounts.All[0].Email).Select(p => p.Id).SingleAsync();
        var patientId = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && db.CareTeamMembers.Any(m => m.PatientId == e.PatientId && m.ProviderId == coordinator && m.LeftOn == null))
            .OrderBy(e => e.IdentifiedAt).Select(e => e.PatientId).FirstAsync();
        var plan = await db.CarePlans.Include(p => p.Versions).SingleOrDefaultAsync(p => p.PatientId == patientId);
        if (plan is not null)
        {
            db.RemoveRange(plan.Versions);
            db.Remove(plan);
            await db.SaveChangesAsync();
        }

        return patientId;
    }
}
