using System.Net;

using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Consent directives, break the glass, and the tamper-evident audit, over the real app and database.</summary>
public abstract class PrivacyTests(AppFixture app) : AppTests(app)
{
    private static readonly string Tag = Guid.NewGuid().ToString("N")[..8];
    private static readonly string MentalHealth = "MindSecret" + Tag;
    private static readonly string Medication = "PillSecret" + Tag;
    private static readonly string Situation = "HomeSecret" + Tag;
    private static readonly string Goal = "GoalVisible" + Tag;

    public static TheoryData<WithheldParts> Kinds => [WithheldParts.WholeRecord, WithheldParts.MentalHealthAndAddictions, WithheldParts.Medications, WithheldParts.SituationAndLifestyle];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ADirective_AgainstANamedProvider_RemovesItsPart_FromPagePrintPdfAndExport_ForThemOnly(WithheldParts kind)
    {
        var (patient, card, nurse, lead) = await PatientWithSecrets();
        var viewer = await app.ViewerOf(lead);
        var recorded = await app.Get<ConsentDirectives.Handler>().Record(viewer, patient, new ConsentDirectives.Command
        {
            WholeRecord = kind == WithheldParts.WholeRecord,
            MentalHealthAndAddictions = kind == WithheldParts.MentalHealthAndAddictions,
            Medications = kind == WithheldParts.Medications,
            SituationAndLifestyle = kind == WithheldParts.SituationAndLifestyle,
            Audience = DirectiveAudience.Provider,
            ProviderId = (await app.ViewerOf(nurse)).ProviderId!.Value.Value,
            InstructedBy = AgreementGivenBy.Patient,
            InstructedByName = "The patient",
        });
        Assert.True(recorded.Succeeded, string.Join("; ", recorded.Violations));

        string[] all = [MentalHealth, Medication, Situation, Goal];
        var withheld = kind == WithheldParts.WholeRecord ? all
            : kind == WithheldParts.MentalHealthAndAddictions ? [MentalHealth] : kind == WithheldParts.Medications ? [Medication] : new[] { Situation };
        foreach (var (where, text) in await Everything(nurse, patient, card))
        {
            Assert.All(withheld, secret => Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} showed {secret}"));
            // With the whole record withheld, the PDF and export are refused outright.
            Assert.True(where is "json" || (where is "pdf" && kind == WithheldParts.WholeRecord) || text.Contains("withheld at the patient", StringComparison.Ordinal), $"{where}: no notice");
            if (kind != WithheldParts.WholeRecord && where is "print" or "pdf" or "json")
            {
                Assert.Contains(Goal, text, StringComparison.Ordinal);
            }
        }

        foreach (var (where, text) in await Everything(lead, patient, card))
        {
            Assert.All(where == "overview" ? [MentalHealth] : where == "plan" ? [Goal] : all, secret => Assert.True(text.Contains(secret, StringComparison.Ordinal), $"{where} hid {secret}"));
            Assert.DoesNotContain("withheld at the patient", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ADirective_AgainstEveryoneOutsideTheTeam_HidesItFromTheCaregiver_UntilItEnds()
    {
        var (patient, _, _, lead) = await PatientWithSecrets();
        var caregiver = await CaregiverWithAccess(patient);
        var handler = app.Get<ConsentDirectives.Handler>();
        var viewer = await app.ViewerOf(lead);
        var id = (await handler.Record(viewer, patient, new ConsentDirectives.Command { Medications = true, InstructedByName = "The patient" })).Value;
        var client = await WebTests.SignedInClient(app, caregiver);
        var page = await client.GetStringAsync(new Uri($"/shared-plans/{patient}", UriKind.Relative));
        Assert.DoesNotContain(Medication, page, StringComparison.Ordinal);
        Assert.Contains("withheld at the patient", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Medication, await PlanSharingTests.PdfToText(await client.GetByteArrayAsync(new Uri($"/shared-plans/{patient}/pdf", UriKind.Relative))), StringComparison.Ordinal);

        Assert.Equal(Rules.Required, (await handler.End(viewer, patient, id, "")).Violations[0].Code);
        Assert.True((await handler.End(viewer, patient, id, "The patient changed their mind")).Succeeded);
        Assert.Contains(Medication, await client.GetStringAsync(new Uri($"/shared-plans/{patient}", UriKind.Relative)), StringComparison.Ordinal);
        var history = await handler.History(viewer, patient);
        Assert.Equal("The patient changed their mind", Assert.Single(history).EndedReason);
    }

    [Fact]
    public async Task ADirective_WithNothingChosen_OrNoProvider_IsRefused_AndNothingIsStored()
    {
        var (patient, _, _, lead) = await PatientWithSecrets();
        var handler = app.Get<ConsentDirectives.Handler>();
        var viewer = await app.ViewerOf(lead);
        var none = await handler.Record(viewer, patient, new ConsentDirectives.Command { InstructedByName = "The patient" });
        Assert.Contains(none.Violations, v => v.Field == "Withholds");
        var noProvider = await handler.Record(viewer, patient, new ConsentDirectives.Command { Medications = true, Audience = DirectiveAudience.Provider, InstructedByName = "x" });
        Assert.Contains(noProvider.Violations, v => v.Field == "ProviderId");
        var outsider = await app.ViewerOf(await app.OutsideProvider(Roles.CareCoordinator));
        Assert.Equal(Rules.NotAllowed, (await handler.Record(outsider, patient, new ConsentDirectives.Command { Medications = true, InstructedByName = "x" })).Violations[0].Code);
        Assert.Empty(await handler.History(viewer, patient));
    }

    [Fact]
    public async Task BreakingTheGlass_NeedsAReason_WorksUntilItExpires_AndShowsInTheAccessReport()
    {
        var (patient, card, _, _) = await PatientWithSecrets();
        var outsider = await app.OutsideProvider();
        var client = await WebTests.SignedInClient(app, outsider);
        var overview = new Uri($"/patients/{patient}", UriKind.Relative);
        Assert.DoesNotContain(Goal, await (await client.GetAsync(new Uri($"/patients/{patient}/plan/print", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var glass = app.Get<BreakGlass.Handler>();
        var viewer = await app.ViewerOf(outsider);
        var noReason = await glass.Handle(viewer, new BreakGlass.Command(patient, "  "));
        Assert.Equal("Reason", noReason.Violations[0].Field);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(overview)).StatusCode);

        var broke = await glass.Handle(viewer, new BreakGlass.Command(patient, "Unconscious in the emergency department; need the allergy list."));
        Assert.True(broke.Succeeded);
        Assert.Contains(Goal, await client.GetStringAsync(new Uri($"/patients/{patient}/plan/print", UriKind.Relative)), StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            Assert.True(await db.Notifications.AnyAsync(n => n.Kind == "break-glass"));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.Purpose == AccessBasis.BreakGlass && e.What == "Plan"));

            // Time passes: the four hours are over.
            await db.BreakGlassAccesses.Where(g => g.PatientId == patient).ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.DoesNotContain(Goal, await (await client.GetAsync(new Uri($"/patients/{patient}/plan/print", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var officer = await app.ViewerOf(await app.NewUser(Roles.PrivacyOfficer));
        var report = await app.Get<AuditSearch.Handler>().AccessReport(officer, card);
        Assert.True(report.Succeeded);
        Assert.Equal("Unconscious in the emergency department; need the allergy list.", Assert.Single(report.Value!.BreakGlass).Reason);
        Assert.Contains(report.Value.Events, e => e.Action == AuditAction.BreakGlass && e.Outcome == AuditOutcome.Refused);
        Assert.Contains(report.Value.Events, e => e.Purpose == AccessBasis.BreakGlass && e.Outcome == AuditOutcome.Allowed && e.What == "Plan");
        Assert.Contains(report.Value.Events, e => e.Outcome == AuditOutcome.Refused && e.What == "Overview");
        var audit = app.Get<AuditSearch.Handler>();
        Assert.DoesNotContain(await audit.UnusualAccess(officer), u => u.UserName == outsider);

        // Opening the records of several patients one does not care for stands out.
        for (var i = 0; i < AuditSearch.Handler.UnusualThreshold; i++)
        {
            await client.GetAsync(new Uri($"/patients/{(await app.PatientWithTeam()).Patient}", UriKind.Relative));
        }

        Assert.True(Assert.Single(await audit.UnusualAccess(officer), u => u.UserName == outsider).PatientsOutsideTeam > AuditSearch.Handler.UnusualThreshold);
    }

    [Fact]
    public async Task TheAuditVerifier_NamesAnAlteredRemovedOrInsertedEvent_AndPassesAnUntouchedChain()
    {
        var (patient, _, _, lead) = await PatientWithSecrets();
        var client = await WebTests.SignedInClient(app, lead);
        for (var i = 0; i < 5; i++)
        {
            await client.GetStringAsync(new Uri($"/patients/{patient}", UriKind.Relative));
        }

        var intact = await app.Cli("audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("the chain is intact", intact.Output, StringComparison.Ordinal);

        await using var db = app.NewDb();
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var middle = events[events.Count / 2];

        // The database refuses changes itself; whoever has the rights to get around that still leaves a broken chain.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"What\" = 'x' WHERE \"Sequence\" = {middle.Sequence}"));
        await DropTriggers(db);

        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"What\" = 'Nothing to see' WHERE \"Sequence\" = {middle.Sequence}");
        await AssertNamed($"Audit event {middle.Sequence} was altered");
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"What\" = {middle.What} WHERE \"Sequence\" = {middle.Sequence}");
        await AssertIntact();

        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = {middle.Sequence}");
        await AssertNamed($"Audit event {middle.Sequence} was removed");
        db.AuditEvents.Add(middle);
        await db.SaveChangesAsync();
        await AssertIntact();

        var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync();
        var forged = new AuditEvent(last.Sequence + 1, DateTime.UtcNow, "someone", "someone@example.org", Roles.Provider, patient, "Overview",
            AuditAction.View, AuditOutcome.Allowed, AccessBasis.CareTeam, AuditSource.Web, AuditEvent.Genesis, app.Get<AuditSeal>().Key());
        db.AuditEvents.Add(forged);
        await db.SaveChangesAsync();
        await AssertNamed($"Audit event {forged.Sequence} was inserted");
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = {forged.Sequence}");
        await AssertIntact();

        // Without the key, or with another one, the chain cannot be verified.
        var wrongKey = await app.Cli(["audit", "verify"], ("Audit__Key", Convert.ToBase64String(AuditKey.New().Secret)));
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("sealed with another key", wrongKey.Output, StringComparison.Ordinal);
        var noKey = await app.Cli(["audit", "verify"], ("Audit__KeyFile", Path.Combine(Path.GetTempPath(), $"no-key-{Guid.NewGuid():N}")));
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("No audit key", noKey.Output, StringComparison.Ordinal);

        // Re-sealing a tail without the key (plain SHA-256, as the chain once was) is noticed.
        var tail = events.Where(e => e.Sequence > middle.Sequence).Select(e => e.Sequence).ToList();
        var previous = (await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == middle.Sequence)).Hash;
        foreach (var sequence in tail)
        {
            var e = await db.AuditEvents.AsNoTracking().SingleAsync(x => x.Sequence == sequence);
            var resealed = new AuditEvent(e.Sequence, e.At, e.UserId, e.UserName, e.Role, e.PatientId, e.What == "Overview" ? "Plan" : e.What, e.Action, e.Outcome, e.Purpose, e.Source, previous, AuditKey.New());
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"What\" = {resealed.What}, \"PreviousHash\" = {resealed.PreviousHash}, \"Hash\" = {resealed.Hash}, \"KeyId\" = '' WHERE \"Sequence\" = {sequence}");
            previous = resealed.Hash;
        }

        await AssertNamed($"Audit event {tail[0]} was altered");

        // Cutting the newest events off leaves a chain that checks, but not the head recorded outside the database.
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Sequence\" > {middle.Sequence}");
        await AssertNamed("events were removed from its end or rewritten");
    }

    // In process, with the key and head file the command line uses (checked above): each run of the command costs seconds.
    private async Task AssertNamed(string message)
    {
        var report = (await app.Get<AuditChecks>().Verify())!;
        Assert.Contains(report.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
    }

    private async Task AssertIntact() => Assert.Empty((await app.Get<AuditChecks>().Verify())!.Problems);

    private async Task DropTriggers(Data.HealthLinksDb db)
    {
        if (app.Provider == Data.DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_NoUpdate\"; DROP TRIGGER \"AuditEvents_NoDelete\";");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEvents_AppendOnly\" ON \"AuditEvents\";");
        }
    }

    /// <summary>The plan page's read-only view, the print view, the PDF's text and the JSON export, as this user gets them.</summary>
    private async Task<List<(string Where, string Text)>> Everything(string email, PatientId patient, string card)
    {
        var client = await WebTests.SignedInClient(app, email);
        var result = new List<(string, string)>();
        foreach (var (where, path) in new[] { ("print", $"/patients/{patient}/plan/print"), ("overview", $"/patients/{patient}"), ("plan", $"/patients/{patient}/plan") })
        {
            result.Add((where, System.Net.WebUtility.HtmlDecode(await (await client.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync())));
        }

        var pdf = await client.GetAsync(new Uri($"/patients/{patient}/plan/pdf", UriKind.Relative));
        result.Add(("pdf", pdf.IsSuccessStatusCode ? await PlanSharingTests.PdfToText(await pdf.Content.ReadAsByteArrayAsync()) : ""));
        var json = await app.Get<ExportPlan.Handler>().Handle(new ExportPlan.Command(card, ExportPlan.Format.Json, null, await app.ViewerOf(email)));
        result.Add(("json", json.Succeeded ? System.Text.Encoding.UTF8.GetString(json.Value!) : ""));
        return result;
    }

    /// <summary>A patient with a lead and a nurse (each with an account), a plan holding one secret per part a directive can withhold, and a mental-health condition on record.</summary>
    private async Task<(PatientId Patient, string Card, string Nurse, string Lead)> PatientWithSecrets()
    {
        var (patient, card, nurseMember) = await app.PatientWithTeam();
        var document = new CarePlanDocument
        {
            HealthIssues = [new HealthIssue { InMyWords = MentalHealth, System = CodeSystem.Icd10Ca, Code = "F32.9", Display = "Depressive episode" }],
            Medications = [new Medication { Name = Medication }],
            Situation = [new Situation { Area = SituationArea.Housing, Rating = SituationRating.SomeConcern, Details = Situation }],
            Goals = [new Goal { InMyWords = Goal, Actions = [new PlanAction { What = "Home visit", ResponsibleMemberId = nurseMember }] }],
        };
        var saved = await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, document, "coordinator"));
        Assert.True(saved.Saved, string.Join("; ", saved.Violations));
        await using var db = app.NewDb();
        db.Conditions.Add(new Condition(patient, CodeSystem.Icd10Ca, "F32.9", MentalHealth + " condition", null, ConditionStatus.Active, "test"));
        await db.SaveChangesAsync();
        var nurseProvider = await db.CareTeamMembers.Where(m => m.Id == nurseMember).Select(m => m.ProviderId).SingleAsync();
        return (patient, card, await app.NewUser(Roles.Provider, provider: nurseProvider), await app.TeamAccount(patient));
    }

    private async Task<string> CaregiverWithAccess(PatientId patient)
    {
        var email = await app.NewUser(Roles.Caregiver);
        Guid related;
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.Include(p => p.RelatedPeople).SingleAsync(p => p.Id == patient);
            related = record.AddRelatedPerson("Casey", "Ortiz", "Daughter", RelatedPersonRoles.Caregiver, null, email).Id;
            await db.SaveChangesAsync();
        }

        var today = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);
        Assert.True((await app.Get<Features.Caregivers.GrantCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), new Features.Caregivers.GrantCaregiverAccess.Command
        {
            PatientId = patient,
            RelatedPersonId = related,
            AgreedBy = AgreementGivenBy.Patient,
            AgreedHow = AgreementMethod.Written,
            AgreedOn = today,
            ExpiresOn = today.AddMonths(1),
            By = "coordinator",
        })).Succeeded);
        return email;
    }
}

// Its own app and database: the audit verifier test breaks the audit chain on purpose.
public sealed class SqlitePrivacyTests(SqliteApp app) : PrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPrivacyTests(PostgresApp app) : PrivacyTests(app), IClassFixture<PostgresApp>;
