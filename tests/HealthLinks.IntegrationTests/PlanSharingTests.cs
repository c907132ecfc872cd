using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

using HealthLinks.Domain;
using HealthLinks.Features.CarePlans;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>The plan leaves the product as PDF, HTML or JSON, in English or French, with every section of the template.</summary>
[Collection(SqliteCollection.Name)]
public sealed class PlanSharingTests(SqliteApp app) : AppTests(app)
{
    public static TheoryData<string, string[]> Headings() => new()
    {
        {
            "en",
            ["1. My identifiers", "2. My care team", "3. My health issues", "4. My known, current allergies and medications", "5. My plan to achieve my goals for care",
             "6. My situation and lifestyle", "7. My recent health assessments", "8. My most recent hospital visit", "9. My other treatments",
             "10. My current supports and services", "11. My appointments and referrals"]
        },
        {
            "fr",
            ["1. Mes identifiants", "2. Mon équipe de soins", "3. Mes problèmes de santé", "4. Mes allergies et médicaments actuels connus",
             "5. Mon plan pour atteindre mes objectifs de soins", "6. Ma situation et mon mode de vie", "7. Mes évaluations de santé récentes",
             "8. Ma plus récente visite à l'hôpital", "9. Mes autres traitements", "10. Mes soutiens et services actuels", "11. Mes rendez-vous et aiguillages"]
        },
    };

    [Theory]
    [MemberData(nameof(Headings))]
    public async Task ThePdf_HasEverySectionHeading_InTheChosenLanguage_AndThePatientsGoals(string language, string[] headings)
    {
        var card = await PatientWithPlan("Je veux rester chez moi avec mon chat");
        var pdf = await app.Get<ExportPlan.Handler>().Handle(new ExportPlan.Command(card, ExportPlan.Format.Pdf, language, await TeamViewer(card)));
        Assert.True(pdf.Succeeded);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf.Value!, 0, 4));
        Assert.InRange(pdf.Value!.Length, 1, 250_000); // with the fonts embedded whole it was 750 KB

        var text = await PdfToText(pdf.Value!);
        foreach (var heading in headings)
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("Je veux rester chez moi avec mon chat", text, StringComparison.Ordinal);
        Assert.Contains("Visite de sécurité à domicile", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHtmlAndJsonExports_CarryThePlan()
    {
        var card = await PatientWithPlan("I want to walk to the market");
        var export = app.Get<ExportPlan.Handler>();
        var team = await TeamViewer(card);
        var html = Encoding.UTF8.GetString((await export.Handle(new ExportPlan.Command(card, ExportPlan.Format.Html, "fr", team))).Value!);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("I want to walk to the market", html, StringComparison.Ordinal);

        using var json = JsonDocument.Parse((await export.Handle(new ExportPlan.Command(card, ExportPlan.Format.Json, null, team))).Value!);
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("patientId").ValueKind);
        Assert.Equal("I want to walk to the market", json.RootElement.GetProperty("document").GetProperty("goals")[0].GetProperty("inMyWords").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task AnUnknownOrInvalidCard_IsRefused()
    {
        var export = app.Get<ExportPlan.Handler>();
        var someone = await app.ViewerOf(await app.OutsideProvider());
        Assert.Equal(Rules.NotFound, (await export.Handle(new ExportPlan.Command("9876543217", ExportPlan.Format.Pdf, null, someone))).Violations[0].Code);
        Assert.Equal(Rules.HealthCardCheckDigit, (await export.Handle(new ExportPlan.Command("1234567890", ExportPlan.Format.Pdf, null, someone))).Violations[0].Code);
    }

    [Fact]
    public async Task ThePrintViewAndPdf_AreServedToTheTeam_AndNotCached()
    {
        var card = await PatientWithPlan("I want to sleep through the night");
        await using var db = app.NewDb();
        var id = await db.Patients.Where(p => p.HealthCardNumber == card).Select(p => p.Id).SingleAsync();
        var client = await WebTests.SignedInClient(app, await app.TeamAccount(id));

        var print = await client.GetStringAsync(new Uri($"/patients/{id}/plan/print?lang=en", UriKind.Relative));
        Assert.Contains("5. My plan to achieve my goals for care", print, StringComparison.Ordinal);
        Assert.Contains("I want to sleep through the night", print, StringComparison.Ordinal);
        Assert.Contains("2030 10:30", print, StringComparison.Ordinal); // the time as entered, not shifted by a time zone

        var pdf = await client.GetAsync(new Uri($"/patients/{id}/plan/pdf?lang=fr", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", pdf.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        var stranger = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync(new Uri($"/patients/{id}/plan/pdf", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, stranger.StatusCode);
    }

    [Fact]
    public async Task APatient_ReadsTheirOwnPlan_AndIsRefusedEveryoneElses()
    {
        var mine = await PatientWithPlan("I want to dance at my granddaughter's wedding");
        var theirs = await PatientWithPlan("Someone else's private goal");
        await using var db = app.NewDb();
        var myId = await db.Patients.Where(p => p.HealthCardNumber == mine).Select(p => p.Id).SingleAsync();
        var theirId = await db.Patients.Where(p => p.HealthCardNumber == theirs).Select(p => p.Id).SingleAsync();
        var email = await app.NewUser(Infrastructure.Auth.Roles.Patient, myId);
        var client = await WebTests.SignedInClient(app, email);
        var page = await client.GetStringAsync(new Uri("/my-plan", UriKind.Relative));
        Assert.Contains("I want to dance at my granddaughter", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else", page, StringComparison.Ordinal);
        var pdf = await client.GetAsync(new Uri("/my-plan/pdf?lang=fr", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        foreach (var path in new[] { $"/patients/{theirId}/plan/print", $"/patients/{theirId}/plan/pdf", $"/patients/{theirId}/plan", $"/patients/{theirId}", $"/patients/{myId}/plan/versions" })
        {
            var refused = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("Someone else", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>The sheet is the patient's: named values, each issue once without codes, referrals listed, no working notes or team email addresses.</summary>
    [Fact]
    public async Task TheSheet_ReadsForThePatient()
    {
        var (patient, card, nurse) = await app.PatientWithTeam();
        var document = new CarePlanDocument
        {
            HealthIssues = [new HealthIssue { InMyWords = "Diabetes", Display = "Diabetes", System = CodeSystem.SnomedCt, Code = "44054006" }],
            Medications = [new Medication { Name = "Metformin", Pharmacy = "Bank Street Pharmacy" }, new Medication { Name = "Ramipril", Pharmacy = "Bank Street Pharmacy" }],
            Goals = [new Goal { InMyWords = "Stay at home", Priority = GoalPriority.High, Actions = [new PlanAction { What = "Home care nursing", ResponsibleMemberId = nurse, Notes = "2026-11-29 coordinator@example.org: called twice" }] }],
        };
        document.Goals[0].Actions[0].ReferTo("Home care nursing");
        Assert.True((await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, "coordinator"))).Saved);
        var html = Encoding.UTF8.GetString((await app.Get<ExportPlan.Handler>().Handle(new ExportPlan.Command(card, ExportPlan.Format.Html, "en", await TeamViewer(card)))).Value!);

        Assert.Contains("Priority: High", html, StringComparison.Ordinal);
        Assert.DoesNotContain("44054006", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Bank Street Pharmacy"));
        Assert.DoesNotContain("called twice", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", html, StringComparison.Ordinal);
        var appointments = html[html.IndexOf("11. My appointments", StringComparison.Ordinal)..];
        Assert.Contains("Home care nursing", appointments, StringComparison.Ordinal);
    }

    private async Task<string> PatientWithPlan(string goal)
    {
        var (patient, card, nurse) = await app.PatientWithTeam();
        var document = new CarePlanDocument
        {
            Goals = [new Goal { InMyWords = goal, Actions = [new PlanAction { What = "Visite de sécurité à domicile", ResponsibleMemberId = nurse }] }],
            Appointments = [new Appointment { With = "Cardiology", When = new DateTime(2030, 3, 4, 10, 30, 0, DateTimeKind.Unspecified), Status = AppointmentStatus.Booked }],
        };
        var saved = await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, "coordinator"));
        Assert.True(saved.Saved, string.Join("; ", saved.Violations));
        return card;
    }

    private async Task<Infrastructure.Privacy.Viewer> TeamViewer(string card)
    {
        await using var db = app.NewDb();
        var id = await db.Patients.Where(p => p.HealthCardNumber == card).Select(p => p.Id).SingleAsync();
        return await app.ViewerOf(await app.TeamAccount(id));
    }

    internal static async Task<string> PdfToText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
