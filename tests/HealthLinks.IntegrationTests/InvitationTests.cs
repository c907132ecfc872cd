using HealthLinks.Domain;
using HealthLinks.Features.Enrollment;
using HealthLinks.Features.Referrals;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Inviting an identified patient: each attempt kept; accepting needs express consent and enrolls with a lead coordinator.</summary>
public abstract class InvitationTests(AppFixture app) : AppTests(app)
{
    private static DateOnly Today => HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System);

    [Fact]
    public async Task NoAnswer_ThenAcceptedWithConsent_Enrolls_WithTheCoordinatorAsLead()
    {
        var (patient, coordinator) = await IdentifiedPatientWithoutALead();
        await ProviderWhoSaw(patient, "dr.gauthier@example.org");
        var invitations = app.Get<Invitations.Handler>();
        Assert.Equal(EnrollmentStatus.Invited, (await invitations.Record(await Staff(), Attempt(patient, InvitationOutcome.NoAnswer))).Value);

        var noConsent = await invitations.Record(await Staff(), Attempt(patient, InvitationOutcome.Accepted, coordinator: coordinator));
        Assert.Equal(("ConsentGivenBy", Rules.ConsentRequired), (noConsent.Violations[0].Field, noConsent.Violations[0].Code));

        var accepted = Attempt(patient, InvitationOutcome.Accepted, coordinator: coordinator);
        (accepted.ConsentGivenBy, accepted.ConsentHow) = (AgreementGivenBy.SubstituteDecisionMaker, AgreementMethod.Phone);
        Assert.Equal(EnrollmentStatus.Enrolled, (await invitations.Record(await Staff(), accepted)).Value);

        await using var db = app.NewDb();
        var record = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).Include(p => p.CareTeam).AsSplitQuery().SingleAsync(p => p.Id == patient);
        Assert.Equal([EnrollmentStatus.Identified, EnrollmentStatus.Invited, EnrollmentStatus.Enrolled], record.OpenEnrollment!.History.OrderBy(h => h.At).Select(h => h.To));
        var reason = record.OpenEnrollment.History.MaxBy(h => h.At)!.Reason;
        Assert.Contains("SubstituteDecisionMaker", reason, StringComparison.Ordinal);
        // Read as a sentence in the reader's language, not as the stored key and enum names.
        var read = EpisodeReasons.Read(reason, app.Get<Microsoft.Extensions.Localization.IStringLocalizer<Resources.Strings>>());
        Assert.StartsWith("Express consent to participate given by", read, StringComparison.Ordinal);
        Assert.DoesNotMatch("SubstituteDecisionMaker|EpisodeReason|AgreementMethod|\\[", read);
        Assert.Equal(coordinator, record.LeadOn(Today)!.ProviderId);
        Assert.Equal(2, await db.InvitationAttempts.CountAsync(a => a.PatientId == patient));

        // The provider who saw the patient is told, by email, how to reach the lead coordinator.
        var sheets = Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == "dr.gauthier@example.org")).ToList();
        var sheet = Assert.Single(sheets);
        Assert.Contains("Marc Tremblay", sheet.Subject, StringComparison.Ordinal);
        Assert.Contains("Carla Coordinator", sheet.TextBody, StringComparison.Ordinal);

        // And in the product: the same sheet in the provider's inbox (any case of the address), read once and then counted as read.
        var inbox = app.Get<Features.Notifications.Inbox.Handler>();
        var message = Assert.Single(await inbox.For("Dr.Gauthier@example.org"));
        Assert.Equal(sheet.TextBody!.Trim(), message.Body.Trim());
        Assert.Equal($"/patients/{patient}", message.Link);
        Assert.Equal(1, await inbox.Unread("dr.gauthier@example.org"));
        await inbox.MarkRead("someone.else@example.org", message.Id); // not theirs: nothing changes
        Assert.Equal(1, await inbox.Unread("dr.gauthier@example.org"));
        await inbox.MarkRead("dr.gauthier@example.org", message.Id);
        Assert.Equal(0, await inbox.Unread("dr.gauthier@example.org"));
    }

    [Fact]
    public async Task AProviderTheWholeRecordIsWithheldFrom_GetsNoInformationSheet_ByEmailOrInbox()
    {
        var (patient, coordinator) = await IdentifiedPatientWithoutALead();
        var email = $"dr.withheld-{Guid.NewGuid():N}@example.org";
        var doctor = await ProviderWhoSaw(patient, email);
        var told = $"dr.told-{Guid.NewGuid():N}@example.org";
        var toldDoctor = await ProviderWhoSaw(patient, told);
        await using (var db = app.NewDb())
        {
            db.ConsentDirectives.Add(new Domain.Privacy.ConsentDirective(patient, Domain.Privacy.WithheldParts.WholeRecord, Domain.Privacy.DirectiveAudience.Provider, doctor, null,
                AgreementGivenBy.Patient, "The patient", "coordinator", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var accepted = Attempt(patient, InvitationOutcome.Accepted, coordinator: coordinator);
        (accepted.ConsentGivenBy, accepted.ConsentHow) = (AgreementGivenBy.Patient, AgreementMethod.InPerson);
        Assert.Equal(EnrollmentStatus.Enrolled, (await app.Get<Invitations.Handler>().Record(await Staff(), accepted)).Value);

        var inbox = app.Get<Features.Notifications.Inbox.Handler>();
        Assert.Empty(await inbox.For(email));
        Assert.Single(await inbox.For(told));
        var sent = Directory.Exists(app.Outbox) ? Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList() : [];
        Assert.DoesNotContain(sent, m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Contains(sent, m => m.To.Mailboxes.Any(a => a.Address == told));

        // A directive recorded later hides the message already in that doctor's inbox.
        Assert.Equal(1, await inbox.Unread(told));
        await using (var db = app.NewDb())
        {
            db.ConsentDirectives.Add(new Domain.Privacy.ConsentDirective(patient, Domain.Privacy.WithheldParts.WholeRecord, Domain.Privacy.DirectiveAudience.Provider, toldDoctor, null,
                AgreementGivenBy.Patient, "The patient", "coordinator", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.Empty(await inbox.For(told));
        Assert.Equal(0, await inbox.Unread(told));
    }

    private async Task<ProviderId> ProviderWhoSaw(PatientId patient, string email)
    {
        await using var db = app.NewDb();
        var organization = new Organization((await db.Regions.FirstAsync()).Id, "Clinic " + Guid.NewGuid().ToString("N")[..6], OrganizationKind.PrimaryCare);
        var doctor = new Provider(organization.Id, "Hélène", "Gauthier", Profession.FamilyPhysician, email: email);
        db.AddRange(organization, doctor);
        db.Encounters.Add(new Encounter(patient, EncounterKind.AmbulatoryVisit, DateTime.UtcNow.AddMonths(-2), null, organization.Id, doctor.Id, "test"));
        await db.SaveChangesAsync();
        return doctor.Id;
    }

    [Fact]
    public async Task Declining_NeedsAReason_AndEndsTheEpisode()
    {
        var (patient, _) = await IdentifiedPatientWithoutALead();
        var invitations = app.Get<Invitations.Handler>();
        Assert.Contains((await invitations.Record(await Staff(), Attempt(patient, InvitationOutcome.Declined))).Violations, v => v is { Field: "Note", Code: Rules.Required });
        Assert.Equal(EnrollmentStatus.Declined, (await invitations.Record(await Staff(), Attempt(patient, InvitationOutcome.Declined, note: "Prefers to manage with her family doctor"))).Value);

        // Asked again later: a new episode, the declined one kept as it was.
        Assert.Equal(EnrollmentStatus.Invited, (await invitations.Record(await Staff(), Attempt(patient, InvitationOutcome.NoAnswer))).Value);
        await using var db = app.NewDb();
        var episodes = await db.Enrollments.Where(e => e.PatientId == patient).OrderBy(e => e.IdentifiedAt).Select(e => e.Status).ToListAsync();
        Assert.Equal([EnrollmentStatus.Declined, EnrollmentStatus.Invited], episodes);
    }

    /// <summary>A patient no screening or referral put forward (registered by the coordinator after a call) is invited and enrolled directly.</summary>
    [Fact]
    public async Task APatientWithNoEpisode_IsIdentifiedByTheInvitation_AndEnrolled()
    {
        var created = await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = app.HealthLinkId, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) });
        var (_, coordinator) = await IdentifiedPatientWithoutALead();
        var accepted = Attempt(created.Value, InvitationOutcome.Accepted, coordinator: coordinator);
        (accepted.ConsentGivenBy, accepted.ConsentHow) = (AgreementGivenBy.Patient, AgreementMethod.InPerson);
        Assert.Equal(EnrollmentStatus.Enrolled, (await app.Get<Invitations.Handler>().Record(await Staff(), accepted)).Value);
        await using var db = app.NewDb();
        var episode = await db.Enrollments.SingleAsync(e => e.PatientId == created.Value);
        Assert.Equal((IdentificationSource.Referral, EnrollmentStatus.Enrolled), (episode.Source, episode.Status));
    }

    [Fact]
    public async Task AnAttemptInTheFuture_IsRefused_AndNothingChanges()
    {
        var (patient, _) = await IdentifiedPatientWithoutALead();
        var future = Attempt(patient, InvitationOutcome.NoAnswer);
        future.On = Today.AddDays(2);
        Assert.Equal(Rules.DateInFuture, (await app.Get<Invitations.Handler>().Record(await Staff(), future)).Violations[0].Code);
        await using var db = app.NewDb();
        Assert.Equal(EnrollmentStatus.Identified, (await db.Enrollments.SingleAsync(e => e.PatientId == patient)).Status);
        Assert.False(await db.InvitationAttempts.AnyAsync(a => a.PatientId == patient));
    }

    [Fact]
    public async Task TheLetter_IsInThePatientsLanguage_ForPrintAndAsPdf()
    {
        var (patient, _) = await IdentifiedPatientWithoutALead();
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.SingleAsync(p => p.Id == patient);
            record.Update(record.ToDetails() with { Language = PreferredLanguage.French }, Today);
            await db.SaveChangesAsync();
        }

        var client = await WebTests.SignedInClient(app, await app.NewUser(Infrastructure.Auth.Roles.CareCoordinator, healthLink: app.HealthLinkId));
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/patients/{patient}/invite/letter", UriKind.Relative)));
        Assert.Contains("Soins coordonnés : une invitation", page, StringComparison.Ordinal); // the patient's language by default
        Assert.Contains("Bonjour Marc Tremblay", page, StringComparison.Ordinal);
        var pdf = await client.GetByteArrayAsync(new Uri($"/patients/{patient}/invite/letter/pdf?lang=en", UriKind.Relative));
        var text = await PlanSharingTests.PdfToText(pdf);
        Assert.Contains("Coordinated care: an invitation", text, StringComparison.Ordinal);
        Assert.Contains("Taking part is your choice", text, StringComparison.Ordinal);
    }

    /// <summary>A coordinator of the Health Link, who invites its patients.</summary>
    private async Task<Infrastructure.Privacy.Viewer> Staff() => _staff ??= await app.ViewerOf(await app.NewUser(Infrastructure.Auth.Roles.CareCoordinator, healthLink: app.HealthLinkId));

    private Infrastructure.Privacy.Viewer? _staff;

    private static Invitations.Attempt Attempt(PatientId patient, InvitationOutcome outcome, string? note = null, ProviderId? coordinator = null) => new()
    {
        PatientId = patient,
        On = Today,
        Method = InvitationMethod.Phone,
        Outcome = outcome,
        Note = note,
        Coordinator = coordinator,
        By = "coordinator",
    };

    /// <summary>A patient referred by a provider (so identified), with no lead yet; and a coordinator who can lead.</summary>
    private async Task<(PatientId Patient, ProviderId Coordinator)> IdentifiedPatientWithoutALead()
    {
        var card = PatientRecordTests.NewCard();
        var created = await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = app.HealthLinkId, Details = PatientRecordTests.Details(card) });
        Assert.True((await app.Get<ReferPatient.Handler>().Refer(created.Value, "Frequent ED visits", ReferralUrgency.Routine, "dr.abbott")).Succeeded);
        await using var db = app.NewDb();
        var organization = new Organization((await db.Regions.FirstAsync()).Id, "Invite Test Home Care " + card, OrganizationKind.HomeAndCommunityCare);
        var coordinator = new Provider(organization.Id, "Carla", "Coordinator", Profession.CareCoordinator);
        db.AddRange(organization, coordinator);
        await db.SaveChangesAsync();
        return (created.Value, coordinator.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteInvitationTests(SqliteApp app) : InvitationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresInvitationTests(PostgresApp app) : InvitationTests(app);
