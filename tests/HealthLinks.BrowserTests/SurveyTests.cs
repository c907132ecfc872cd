using HealthLinks.Demo;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>The patient answers the experience survey through the email's link, without signing in; the link works once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyTests(BrowserApp app)
{
    [Theory]
    [InlineData("en", "How is your care going?", "Always", "Thank you")]
    [InlineData("fr", "Comment se passent vos soins?", "Toujours", "Merci")]
    public async Task ThePatient_AnswersByTheLink_WithoutSigningIn_AndTheLinkWorksOnce(string language, string title, string always, string thanks)
    {
        string token;
        await using (var db = app.NewDb())
        {
            var patient = await db.Patients.FirstAsync(p => p.Email == DemoPatients.PatientEmail);
            var survey = new ExperienceSurvey(patient.Id, patient.HealthLinkId, new DateOnly(2020, 1, 1).AddDays(Random.Shared.Next(0, 1000)), DateTime.UtcNow);
            token = survey.IssueLink(DateTime.UtcNow);
            db.ExperienceSurveys.Add(survey);
            await db.SaveChangesAsync();
        }

        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        var link = $"/survey?token={token}";
        await page.GotoAsync($"culture/{language}?returnUrl={Uri.EscapeDataString(link)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await page.WaitForSelectorAsync("form.survey[data-interactive]");
        await Pages.AssertAccessible(page);

        // Sent blank: refused, with the reason, and nothing is stored.
        await page.ClickAsync("form.survey button.primary");
        await Assertions.Expect(page.Locator("form.survey [role=alert]")).ToBeVisibleAsync();

        await page.Locator("fieldset.scale").Nth(0).GetByLabel(always).CheckAsync();
        await page.Locator("fieldset.rating").GetByLabel("8", new() { Exact = true }).CheckAsync();
        await page.FillAsync("#comment", "The coordinator called back the same day.");
        await page.ClickAsync("form.survey button.primary");
        await Assertions.Expect(page.Locator("p[role=status]")).ToContainTextAsync(thanks);

        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("p[role=alert]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form.survey")).ToHaveCountAsync(0);
        await using (var db = app.NewDb())
        {
            var answered = await db.ExperienceSurveys.SingleAsync(s => s.Comment == "The coordinator called back the same day." && s.AnsweredAt != null && s.Overall == 8);
            Assert.Equal((SurveyChannel.Link, (int?)5), (answered.Channel, answered.KnowWhoToCall));
            db.ExperienceSurveys.Remove(answered); // the next language's run finds one answered survey
            await db.SaveChangesAsync();
        }

        await context.CloseAsync();
    }
}
