using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Contacts;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Ongoing management's contact log: the team records contacts; a contact in the future or without a summary is refused and nothing is stored.</summary>
public abstract class ContactLogTests(AppFixture app) : AppTests(app)
{
    private static DateTime TorontoNow => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Infrastructure.Localization.Languages.Toronto);

    [Fact]
    public async Task TheTeam_RecordsAContact_AndReadsItBack_InOntarioTime()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        var log = app.Get<ContactLog.Handler>();
        var at = new DateTime(2026, 7, 1, 9, 30, 0);
        var recorded = await log.Record(lead, patient, new ContactLog.Command
        {
            At = at,
            Kind = ContactKind.HomeVisit,
            With = "The patient and her daughter",
            Summary = "Walked to the mailbox twice this week.",
            Change = ConditionChange.Better,
            GoalProgress = "On track",
        });
        Assert.True(recorded.Succeeded, string.Join("; ", recorded.Violations));

        var (access, rows) = await log.List(lead, patient);
        Assert.True(access.Allowed);
        var row = Assert.Single(rows);
        Assert.Equal(new DateTime(2026, 7, 1, 13, 30, 0, DateTimeKind.Utc), row.At); // 9:30 in Toronto in July is 13:30 UTC
        Assert.Equal((ContactKind.HomeVisit, ConditionChange.Better, "On track"), (row.Kind, row.Change, row.GoalProgress));

        var client = await WebTests.SignedInClient(app, lead.UserName);
        var page = await client.GetStringAsync(new Uri($"/patients/{patient}/contacts", UriKind.Relative));
        Assert.Contains("Walked to the mailbox twice this week.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCaseload_ShowsWhenTheNextContactIsDue_FromTheCadence_AndFlagsOverdueOnes()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        var caseload = app.Get<Features.Patients.GetMyCaseload.Handler>();
        var today = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System); // the server's day, as the app counts it
        DateOnly joined;
        await using (var db = app.NewDb())
        {
            joined = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.JoinedOn).SingleAsync();
        }

        // No contact yet: due a cadence (monthly, with no risk score) after the lead took the patient on, 30 days ago.
        var row = Assert.Single(await caseload.Handle(lead.ProviderId!.Value));
        Assert.Equal((ContactCadence.Monthly, (DateOnly?)null), (row.Cadence, row.LastContact));
        Assert.Equal(joined.AddDays(30), row.NextContactDue);
        Assert.False(row.ContactOverdue(today));

        var log = app.Get<ContactLog.Handler>();
        var contactedAt = TorontoNow.AddDays(-10);
        Assert.True((await log.Record(lead, patient, new ContactLog.Command { At = contactedAt, With = "The patient", Summary = "Checked in." })).Succeeded);
        Assert.True((await log.SetCadence(lead, patient, ContactCadence.Weekly)).Succeeded);
        row = Assert.Single(await caseload.Handle(lead.ProviderId!.Value));
        Assert.Equal((ContactCadence.Weekly, DateOnly.FromDateTime(contactedAt)), (row.Cadence, row.LastContact!.Value));
        Assert.Equal(DateOnly.FromDateTime(contactedAt).AddDays(7), row.NextContactDue);
        Assert.True(row.ContactOverdue(today));

        var outsider = await app.ViewerOf(await app.OutsideProvider());
        Assert.Equal(Rules.NotAllowed, (await log.SetCadence(outsider, patient, ContactCadence.Monthly)).Violations[0].Code);
        Assert.Equal(ContactCadence.Weekly, await log.Cadence(lead, patient));
        Assert.Null(await log.Cadence(outsider, patient));
    }

    [Fact]
    public async Task AContactInTheFuture_WithoutASummary_OrBySomeoneOffTheTeam_IsRefused_AndNothingIsStored()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        var log = app.Get<ContactLog.Handler>();
        var future = await log.Record(lead, patient, new ContactLog.Command { At = TorontoNow.AddDays(1), With = "The patient", Summary = "Will call" });
        Assert.Equal((nameof(PatientContact.At), Rules.DateInFuture), (future.Violations[0].Field, future.Violations[0].Code));
        var empty = await log.Record(lead, patient, new ContactLog.Command { At = TorontoNow.AddHours(-1), With = "", Summary = " " });
        Assert.Equal(["Summary", "With"], empty.Violations.Select(v => v.Field).Order());

        var outsider = await app.ViewerOf(await app.OutsideProvider());
        var refused = await log.Record(outsider, patient, new ContactLog.Command { At = TorontoNow.AddHours(-1), With = "x", Summary = "y" });
        Assert.Equal(Rules.NotAllowed, refused.Violations[0].Code);
        var (access, rows) = await log.List(outsider, patient);
        Assert.False(access.Allowed);
        Assert.Empty(rows);

        await using var db = app.NewDb();
        Assert.False(await db.PatientContacts.AnyAsync(c => c.PatientId == patient));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.PatientId == patient && e.What == "Contacts" && e.Outcome == AuditOutcome.Refused));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteContactLogTests(SqliteApp app) : ContactLogTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresContactLogTests(PostgresApp app) : ContactLogTests(app);
