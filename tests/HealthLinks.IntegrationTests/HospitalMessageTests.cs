using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;
using HealthLinks.Features.Screening;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Tests.HospitalEvents;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// Hospitals' ADT messages over MLLP into the real app: answered AA, AE or AR as HL7 says, stored before the reply,
/// once however often sent, and followed by the audit, the re-screening and the lead's notices.
/// </summary>
public abstract class HospitalMessageTests(AppFixture app) : AppTests(app)
{
    private const string Facility = "GENERAL";

    /// <summary>A hospital configured to send for the fixture's Health Link; returns its organization.</summary>
    private async Task<Guid> Sender(string facility = Facility, string allowed = "")
    {
        await using var db = app.NewDb();
        var organization = new Organization((await db.Regions.FirstAsync()).Id, $"{facility} Hospital", OrganizationKind.Hospital);
        db.Organizations.Add(organization);
        db.MessageSenders.Add(new MessageSender(MessageSender.Key(facility), organization.Id, app.HealthLinkId, allowed, confirmed: true, "test", DateTime.UtcNow));
        await db.SaveChangesAsync();
        return organization.Id;
    }

    internal static string Stamp(DateTime utc) => utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>An ADT message about the patient with this health card number, PV1 filled where given.</summary>
    internal static string Adt(string trigger, string control, string card, string patientClass = "E", string? visit = null, DateTime? admit = null, DateTime? discharge = null,
        string facility = Facility, string family = "Tremblay", string given = "Marie", string dob = "19450302", string version = "2.5.1", string? mrn = null)
    {
        var pv1 = Enumerable.Repeat("", 46).ToArray();
        (pv1[0], pv1[1], pv1[2], pv1[19]) = ("PV1", "1", patientClass, visit ?? "");
        (pv1[44], pv1[45]) = (admit is { } a ? Stamp(a) : "", discharge is { } d ? Stamp(d) : "");
        var ids = $"{card}^^^ON^JHN" + (mrn is null ? "" : $"~{mrn}^^^{facility}^MR");
        var now = Stamp(DateTime.UtcNow);
        return $"MSH|^~\\&|ADT|{facility}|HEALTHLINKS|HL|{now}||ADT^{trigger}^ADT_{trigger}|{control}|P|{version}\rEVN|{trigger}|{now}\r"
            + $"PID|1||{ids}||{family}^{given}||{dob}|F|||12 Main St^^Ottawa^ON^K1A 0B1||6135550100\r{string.Join('|', pv1)}\r";
    }

    private async Task<Hl7Message> Send(string message)
    {
        await using var client = await MllpClient.Connect("127.0.0.1", app.AdtPort);
        return Hl7Message.Parse(await client.Send(message));
    }

    private static string Ack(Hl7Message reply) => reply.First("MSA")!.Value(1)!;

    /// <summary>Waits for the follow-up of every applied message (audit, screening, notices) to be done.</summary>
    private async Task FollowedUp()
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = app.NewDb();
            if (!await db.HospitalMessages.AnyAsync(m => m.Ack == "AA" && !m.FollowedUp))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, "messages were not followed up within 20 seconds");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TheSharedMessages_SentByNodeHl7Client_AreAnsweredAndApplied()
    {
        // The sample files reuse a few control ids for different messages: each is given its file's name as MSH-10 so
        // each is a message of its own (a reused id is tested on its own below).
        foreach (var facility in new[] { "GHHSFacility", "GOOD HEALTH HOSPITAL", "NINTENDO", "RDX", "1" })
        {
            await Sender(facility);
        }

        var folder = Directory.CreateTempSubdirectory("hl7-").FullName;
        foreach (var file in Hl7Files.All())
        {
            var text = Hl7Files.AsSent(Path.GetFileName(file)).TrimStart('\uFEFF');
            var msh = text[..text.IndexOf('\r')].Split('|');
            msh[9] = Path.GetFileNameWithoutExtension(file);
            await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), string.Join('|', msh) + text[text.IndexOf('\r')..]);
        }

        var replies = await NodeClient.Send(app.AdtPort, Directory.GetFiles(folder).Order(StringComparer.Ordinal));
        Assert.Equal(57, replies.Count);
        Assert.All(replies, r => Assert.Equal(Path.GetFileNameWithoutExtension(r.File), r.Control));

        // Ntierprise Clinic is not configured and its patients are not known here: rejected, saying so. The rest apply.
        Assert.Equal(["ADT-A40-01.hl7", "ADT-A40-02.hl7"], replies.Where(r => r.Ack == "AR").Select(r => r.File));
        Assert.All(replies.Where(r => r.Ack == "AR"), r => Assert.Contains("not configured", r.Error, StringComparison.Ordinal));
        Assert.Equal(55, replies.Count(r => r.Ack == "AA"));

        await FollowedUp();
        await using var db = app.NewDb();
        Assert.Equal(57, await db.HospitalMessages.CountAsync());
        var outcome = await db.HospitalMessages.ToDictionaryAsync(m => m.ControlId!, m => m.Outcome ?? "");
        Assert.Contains("PatientRegistered", outcome["ADT04-28"], StringComparison.Ordinal);
        Assert.Equal("NoEffect", outcome["ADT-A09-01"]);

        // ADT04-28: Timothy Bixby, an inpatient at RDX, registered with his stay, found again by RDX's record number.
        var bixby = await db.Patients.SingleAsync(p => p.FamilyName == "Bixby");
        Assert.Equal((new DateOnly(2008, 1, 6), AdministrativeSex.Male), (bixby.DateOfBirth, bixby.Sex));
        var stay = await db.Encounters.SingleAsync(e => e.PatientId == bixby.Id);
        Assert.Equal(EncounterKind.InpatientStay, stay.Kind);
        Assert.Equal(new DateTime(2018, 10, 17, 15, 28, 5, DateTimeKind.Utc), stay.Start);
        Assert.True(await db.SourceLinks.AnyAsync(l => l.Source == "hl7v2" && l.ResourceType == "Patient" && l.PatientId == bixby.Id));

        // Every applied message is in the audit, with the messages as its source.
        var audited = await db.AuditEvents.CountAsync(e => e.Source == AuditSource.Messages);
        Assert.True(audited >= 55, $"{audited} audit events from messages");
    }

    [Fact]
    public async Task TheSameMessage_SentAHundredTimes_HasOneEffect_AndTheSameReply()
    {
        await Sender();
        var card = PatientRecordTests.NewCard();
        var message = Adt("A04", "DUP-1", card, visit: "V1", admit: DateTime.UtcNow.AddHours(-1));
        await using var client = await MllpClient.Connect("127.0.0.1", app.AdtPort);
        var replies = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            replies.Add(await client.Send(message));
        }

        Assert.Single(replies.Distinct());
        Assert.Equal("AA", Ack(Hl7Message.Parse(replies[0])));
        await using var db = app.NewDb();
        var stored = await db.HospitalMessages.SingleAsync();
        Assert.Equal(99, stored.Resent);
        var patient = await db.Patients.SingleAsync(p => p.HealthCardNumber == card);
        Assert.Equal(1, await db.Encounters.CountAsync(e => e.PatientId == patient.Id));
    }

    [Fact]
    public async Task AControlIdReusedByManyMessages_EachResendGetsItsOwnReply()
    {
        await Sender();
        var card = PatientRecordTests.NewCard();
        await using var client = await MllpClient.Connect("127.0.0.1", app.AdtPort);
        var messages = Enumerable.Range(0, 40).Select(i => Adt("A08", "REUSED-1", card, visit: $"V{i}")).ToList();
        var replies = new List<string>();
        foreach (var message in messages)
        {
            replies.Add(await client.Send(message));
        }

        Assert.Equal("AA", Ack(Hl7Message.Parse(replies[0])));
        Assert.All(replies.Skip(1), r => Assert.Equal("AR", Ack(Hl7Message.Parse(r))));
        Assert.Equal(replies[0], await client.Send(messages[0]));
        Assert.Equal(replies[25], await client.Send(messages[25]));

        await using var db = app.NewDb();
        Assert.Equal(40, await db.HospitalMessages.CountAsync());
        Assert.Equal([1, 1], await db.HospitalMessages.Where(m => m.Resent > 0).Select(m => m.Resent).ToListAsync());
    }

    [Fact]
    public async Task BadMessages_AreAnsweredWithWhereAndWhy_KeptForReview_AndChangeNothing()
    {
        await Sender();
        var card = PatientRecordTests.NewCard();

        var noBirthDate = await Send(Adt("A01", "BAD-1", card, dob: ""));
        Assert.Equal("AE", Ack(noBirthDate));
        Assert.Equal(("PID", "7", "101"), (noBirthDate.First("ERR")!.Value(2, 1), noBirthDate.First("ERR")!.Value(2, 3), noBirthDate.First("ERR")!.Value(3)));

        var badEscape = await Send(Adt("A01", "BAD-2", card).Replace("Tremblay", "Trem\\Q\\blay", StringComparison.Ordinal));
        Assert.Equal("AE", Ack(badEscape));
        Assert.Equal(("PID", "5"), (badEscape.First("ERR")!.Value(2, 1), badEscape.First("ERR")!.Value(2, 3)));
        Assert.Equal("BAD-2", badEscape.First("MSA")!.Value(2));

        var badCard = await Send(Adt("A01", "BAD-3", "1234567890"));
        Assert.Equal("AE", Ack(badCard));
        Assert.Contains("check digit", badCard.First("ERR")!.Value(8), StringComparison.Ordinal);

        var oldVersion = await Send(Adt("A01", "BAD-4", card, version: "2.2"));
        Assert.Equal("AR", Ack(oldVersion));
        Assert.Equal("2.2", oldVersion.Header.Value(12));

        var unknown = await Send(Adt("A01", "BAD-5", card, facility: "ELSEWHERE"));
        Assert.Equal(("AR", "204"), (Ack(unknown), unknown.First("ERR")!.Value(3)));

        var notHl7 = await Send("hello, is this the hospital?");
        Assert.Equal("AE", Ack(notHl7));

        var good = await Send(Adt("A01", "OK-1", card));
        Assert.Equal("AA", Ack(good));
        var reused = await Send(Adt("A03", "OK-1", card));
        Assert.Equal(("AR", "205"), (Ack(reused), reused.First("ERR")!.Value(3)));

        await using var db = app.NewDb();
        Assert.Equal(8, await db.HospitalMessages.CountAsync());
        Assert.Equal(7, await db.HospitalMessages.CountAsync(m => m.Ack != "AA" && m.Error != null));
        var patient = await db.Patients.SingleAsync();
        Assert.Equal(card, patient.HealthCardNumber);
        Assert.Null((await db.Encounters.SingleAsync()).End);
    }

    [Fact]
    public async Task AVisit_IsOpenedMovedDischargedAndCancelled_AsTheHospitalSays()
    {
        var hospital = await Sender();
        var card = PatientRecordTests.NewCard();
        var admitted = DateTime.UtcNow.AddDays(-3);
        var discharged = DateTime.UtcNow.AddDays(-1);
        Assert.Equal("AA", Ack(await Send(Adt("A04", "V-1", card, "E", "VN-9", admitted))));
        Assert.Equal("AA", Ack(await Send(Adt("A06", "V-2", card, "I", "VN-9", admitted))));
        Assert.Equal("AA", Ack(await Send(Adt("A03", "V-3", card, "I", "VN-9", admitted, discharged))));
        await using (var db = app.NewDb())
        {
            var stay = await db.Encounters.SingleAsync();
            Assert.Equal((EncounterKind.InpatientStay, hospital, "hl7v2"), (stay.Kind, stay.FacilityId, stay.Source));
            Assert.Equal(Stamp(discharged), Stamp(stay.End!.Value));
        }

        Assert.Equal("AA", Ack(await Send(Adt("A13", "V-4", card, "I", "VN-9", admitted))));
        await using (var db = app.NewDb())
        {
            Assert.Null((await db.Encounters.SingleAsync()).End);
        }

        Assert.Equal("AA", Ack(await Send(Adt("A11", "V-5", card, "I", "VN-9", admitted))));
        await using (var db = app.NewDb())
        {
            Assert.False(await db.Encounters.AnyAsync());
        }
    }

    [Fact]
    public async Task AnEnrolledPatientsEmergencyVisit_ReachesTheLead_AndADischargeProposesAFollowUp()
    {
        await Sender();
        var (patient, card, _) = await app.PatientWithTeam();
        await Enroll(patient);
        var lead = await app.TeamAccount(patient);

        Assert.Equal("AA", Ack(await Send(Adt("A04", "ED-1", card, "E", "ED-VISIT", DateTime.UtcNow.AddHours(-2)))));
        await FollowedUp();
        var inbox = await app.Get<Features.Notifications.Inbox.Handler>().For(lead);
        var notice = Assert.Single(inbox, m => m.Kind == "hospital-event");
        Assert.Contains("GENERAL Hospital", notice.Body, StringComparison.Ordinal);

        // The email says only that there is news, and where to read it.
        var email = Directory.GetFiles(app.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(a => a.Address == lead));
        Assert.DoesNotContain("GENERAL", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("emergency", email.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Tremblay", email.TextBody + email.Subject, StringComparison.Ordinal);

        var viewer = await app.ViewerOf(lead);
        var overview = await app.Get<Features.Patients.GetPatientOverview.Handler>().Handle(viewer, patient, needs: AccessScope.Record);
        Assert.Contains(overview.Value!.RecentEncounters, e => e.Kind == EncounterKind.EmergencyVisit && e.Facility == "GENERAL Hospital");

        var discharged = DateTime.UtcNow.AddMinutes(-5);
        Assert.Equal("AA", Ack(await Send(Adt("A01", "ED-2", card, "I", "STAY", DateTime.UtcNow.AddHours(-1)))));
        Assert.Equal("AA", Ack(await Send(Adt("A03", "ED-3", card, "I", "STAY", DateTime.UtcNow.AddHours(-1), discharged))));
        await FollowedUp();
        await using var db = app.NewDb();
        var plan = await db.CarePlans.SingleAsync(p => p.PatientId == patient);
        var action = Assert.Single(plan.Document.Goals.SelectMany(g => g.Actions));
        Assert.Equal(ActionStatus.Proposed, action.Status);
        Assert.Equal(OntarioTime.DayOf(discharged).AddDays(7), action.TargetDate);
        var leadMember = await db.CareTeamMembers.SingleAsync(m => m.PatientId == patient && m.IsLead);
        Assert.Equal(leadMember.Id, action.ResponsibleMemberId);
        Assert.Equal(3, (await app.Get<Features.Notifications.Inbox.Handler>().For(lead)).Count(m => m.Kind == "hospital-event"));
    }

    [Fact]
    public async Task ALeadThePatientWithheldTheirRecordFrom_IsNotTold()
    {
        await Sender();
        var (patient, card, _) = await app.PatientWithTeam();
        await Enroll(patient);
        var lead = await app.TeamAccount(patient);
        await using (var db = app.NewDb())
        {
            var leadProvider = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.ProviderId).SingleAsync();
            db.ConsentDirectives.Add(new ConsentDirective(patient, WithheldParts.WholeRecord, DirectiveAudience.Provider, leadProvider, null, AgreementGivenBy.Patient, "The patient", "test", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.Equal("AA", Ack(await Send(Adt("A04", "W-1", card, "E", "W", DateTime.UtcNow.AddHours(-2)))));
        await FollowedUp();
        Assert.DoesNotContain(await app.Get<Features.Notifications.Inbox.Handler>().For(lead), m => m.Kind == "hospital-event");
    }

    [Fact]
    public async Task APatientWhoNowMeetsTheUtilizationRule_IsOnTheWorklist_WithTheEventAsSource()
    {
        var hospital = await Sender();
        var card = PatientRecordTests.NewCard();
        Assert.Equal("AA", Ack(await Send(Adt("A04", "U-0", card, "E", "U0", DateTime.UtcNow.AddMonths(-5)))));
        await using (var db = app.NewDb())
        {
            var patient = await db.Patients.SingleAsync();
            for (var i = 1; i <= 3; i++)
            {
                db.Encounters.Add(new Encounter(patient.Id, EncounterKind.EmergencyVisit, DateTime.UtcNow.AddMonths(-i), DateTime.UtcNow.AddMonths(-i).AddHours(4), hospital, null, "test"));
            }

            await db.SaveChangesAsync();
        }

        await FollowedUp();
        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));
        Assert.Empty((await app.Get<Worklist.Handler>().Handle(coordinator)).Rows);

        // The fifth emergency visit in a year.
        var sent = Stopwatch.StartNew();
        Assert.Equal("AA", Ack(await Send(Adt("A04", "U-5", card, "E", "U5", DateTime.UtcNow.AddMinutes(-30)))));
        await FollowedUp();
        var row = Assert.Single((await app.Get<Worklist.Handler>().Handle(coordinator)).Rows);
        Assert.Contains(ScreeningCriterion.Utilization, row.Criteria);
        Assert.Equal("hospital-event", row.Evidence[0].Kind);
        Assert.Contains("GENERAL Hospital", row.Evidence[0].What, StringComparison.Ordinal);
        Assert.Equal(5, row.EdVisits12m);
        Console.WriteLine($"On the worklist {sent.ElapsedMilliseconds} ms after the message was sent");
    }

    [Fact]
    public async Task ABurstOfMessages_IsFollowedUpTogether_EachPatientOnTheWorklist_WithTheLastEvent()
    {
        var hospital = await Sender();
        var cards = Enumerable.Range(0, 3).Select(_ => PatientRecordTests.NewCard()).ToList();
        foreach (var card in cards)
        {
            Assert.Equal("AA", Ack(await Send(Adt("A04", $"B0-{card}", card, "E", $"B0-{card}", DateTime.UtcNow.AddMonths(-5)))));
        }

        await using (var db = app.NewDb())
        {
            foreach (var patient in await db.Patients.ToListAsync())
            {
                for (var i = 1; i <= 3; i++)
                {
                    db.Encounters.Add(new Encounter(patient.Id, EncounterKind.EmergencyVisit, DateTime.UtcNow.AddMonths(-i), DateTime.UtcNow.AddMonths(-i).AddHours(4), hospital, null, "test"));
                }
            }

            await db.SaveChangesAsync();
        }

        await FollowedUp();

        // The fifth visit of each, sent without waiting for the follow-up, then an admission of the first.
        await using (var client = await MllpClient.Connect("127.0.0.1", app.AdtPort))
        {
            foreach (var card in cards)
            {
                Assert.Equal("AA", Ack(Hl7Message.Parse(await client.Send(Adt("A04", $"B5-{card}", card, "E", $"B5-{card}", DateTime.UtcNow.AddMinutes(-30))))));
            }

            Assert.Equal("AA", Ack(Hl7Message.Parse(await client.Send(Adt("A01", $"B6-{cards[0]}", cards[0], "I", $"B6-{cards[0]}", DateTime.UtcNow.AddMinutes(-10))))));
        }

        await FollowedUp();
        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));
        var rows = (await app.Get<Worklist.Handler>().Handle(coordinator)).Rows;
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.EdVisits12m));
        await using var read = app.NewDb();
        var first = await read.Patients.SingleAsync(p => p.HealthCardNumber == cards[0]);
        Assert.StartsWith("A01", rows.Single(r => r.PatientId == first.Id).Evidence[0].What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFacilityNotConfigured_IsAddedForConfirmation_WhenItsPatientIsKnown()
    {
        var (patient, card, _) = await app.PatientWithTeam();
        Assert.Equal("AA", Ack(await Send(Adt("A04", "N-1", card, "E", "N1", DateTime.UtcNow.AddHours(-1), facility: "NEWHOSP"))));
        await using var db = app.NewDb();
        var sender = await db.MessageSenders.SingleAsync();
        Assert.Equal(("NEWHOSP", false, app.HealthLinkId), (sender.FacilityCode, sender.Confirmed, sender.HealthLinkId));
        Assert.Equal("NEWHOSP", (await db.Organizations.SingleAsync(o => o.Id == sender.OrganizationId)).Name);
        Assert.Equal(sender.OrganizationId, (await db.Encounters.SingleAsync(e => e.PatientId == patient)).FacilityId);
    }

    [Fact]
    public async Task AMessageFromAnAddressTheSenderMayNotUse_IsRejected()
    {
        await Sender(allowed: "10.1.2.3");
        var reply = await Send(Adt("A04", "IP-1", PatientRecordTests.NewCard(), "E", "IP", DateTime.UtcNow));
        Assert.Equal(("AR", "204"), (Ack(reply), reply.First("ERR")!.Value(3)));
        await using var db = app.NewDb();
        Assert.False(await db.Patients.AnyAsync());
    }

    [Fact]
    public async Task AMerge_MovesTheRecordMergedAway_IntoTheSurvivor()
    {
        await Sender();
        var survivor = PatientRecordTests.NewCard();
        Assert.Equal("AA", Ack(await Send(Adt("A04", "M-1", survivor, "E", "M1", DateTime.UtcNow.AddDays(-9), mrn: "MRN-1"))));
        Assert.Equal("AA", Ack(await Send(Adt("A04", "M-2", PatientRecordTests.NewCard(), "E", "M2", DateTime.UtcNow.AddDays(-8), mrn: "MRN-2", given: "Marie-Ève"))));
        var merge = $"MSH|^~\\&|ADT|{Facility}|HL|HL|{Stamp(DateTime.UtcNow)}||ADT^A40^ADT_A39|M-3|P|2.5\rEVN|A40|{Stamp(DateTime.UtcNow)}\r"
            + $"PID|1||{survivor}^^^ON^JHN~MRN-1^^^{Facility}^MR||Tremblay^Marie||19450302|F\rMRG|MRN-2^^^{Facility}^MR\r";
        Assert.Equal("AA", Ack(await Send(merge)));
        await using var db = app.NewDb();
        var patient = await db.Patients.SingleAsync();
        Assert.Equal(survivor, patient.HealthCardNumber);
        Assert.Equal(2, await db.Encounters.CountAsync(e => e.PatientId == patient.Id));

        // A later message naming the old record number finds the survivor.
        Assert.Equal("AA", Ack(await Send(Adt("A08", "M-4", "", "E", "M2", mrn: "MRN-2").Replace("^^^ON^JHN~", "", StringComparison.Ordinal))));
        Assert.Equal(1, await db.Patients.CountAsync());
    }

    [Fact]
    public async Task TheListener_SpeaksTls_WithItsCertificate()
    {
        await Sender();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=mllp.test", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var file = Path.Combine(Path.GetTempPath(), $"mllp-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(file, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "secret"));
        var listener = new MllpListener(app.Get<MessageIntake>(), app.Get<InterfaceConnections>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<MllpListener>.Instance);
        using var stop = new CancellationTokenSource();
        var running = listener.Run(new MllpListener.Options(0, file, "secret", "127.0.0.1"), stop.Token);
        while (listener.BoundPort is null)
        {
            await Task.Delay(20);
        }

        await using (var client = await MllpClient.Connect("127.0.0.1", listener.BoundPort.Value, tls: true, pinnedThumbprint: certificate.Thumbprint))
        {
            Assert.Equal("AA", Ack(Hl7Message.Parse(await client.Send(Adt("A04", "TLS-1", PatientRecordTests.NewCard(), "E", "T1", DateTime.UtcNow)))));
        }

        // A sender that does not trust the certificate gets no further than the handshake.
        await Assert.ThrowsAnyAsync<System.Security.Authentication.AuthenticationException>(async () => await MllpClient.Connect("127.0.0.1", listener.BoundPort.Value, tls: true));
        await stop.CancelAsync();
        await running;
        File.Delete(file);
    }

    [Fact]
    public async Task MutatedFrames_OverTheSocket_AreAllAnswered()
    {
        await Sender();
        var random = new Random(17);
        var seeds = Hl7Files.All().Select(f => Hl7Files.AsSent(Path.GetFileName(f))).ToList();
        await using var client = await MllpClient.Connect("127.0.0.1", app.AdtPort);
        var answered = 0;
        for (var i = 0; i < 150; i++)
        {
            var mutated = Hl7Fuzz.Mutate(seeds[random.Next(seeds.Count)], random);
            var reply = Hl7Message.Parse(await client.Send(mutated));
            Assert.True(Ack(reply) is "AA" or "AE" or "AR");
            answered++;
        }

        Assert.Equal(150, answered);
        Assert.Equal("AR", Ack(await Send(Adt("A01", "after-fuzz", PatientRecordTests.NewCard(), facility: "NOWHERE"))));
    }

    [Fact]
    public async Task TheInterfaces_AreTheHealthLinkAdministrators_AndOpeningAMessage_IsAudited()
    {
        var hospital = await Sender();
        var card = PatientRecordTests.NewCard();
        var dg1 = "DG1|1||J44.1^COPD with exacerbation^I10\r";
        Assert.Equal("AA", Ack(await Send(Adt("A04", "LOG-1", card, "E", "L1", DateTime.UtcNow) + dg1)));
        Assert.Equal("AE", Ack(await Send(Adt("A04", "LOG-2", card, "E", "L2", DateTime.UtcNow, dob: "1945"))));
        Assert.Equal("AR", Ack(await Send(Adt("A04", "LOG-3", PatientRecordTests.NewCard(), "E", "L3", DateTime.UtcNow, facility: "STRANGER"))));
        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));

        var status = (await app.Get<InterfaceStatus.Handler>().Handle(admin)).Value!;
        var row = Assert.Single(status.Senders);
        Assert.Equal((Facility, 2, 1), (row.FacilityCode, row.LastHour, row.Errors24Hours));
        Assert.Equal(app.AdtPort, status.Port);
        Assert.Contains(status.Unknown, u => u.Sender.Contains("STRANGER", StringComparison.Ordinal));

        var log = (await app.Get<MessageLog.Handler>().Handle(admin, new MessageLog.Query(Ack: "AE"))).Value!;
        var error = Assert.Single(log);
        Assert.Contains("PID-7", error.Error, StringComparison.Ordinal);

        // The administrator is not on the patient's team: the message opens with its clinical segments masked, audited.
        var accepted = (await app.Get<MessageLog.Handler>().Handle(admin, new MessageLog.Query(Ack: "AA"))).Value!.Single();
        var opened = (await app.Get<OpenHospitalMessage.Handler>().Handle(admin, accepted.Id)).Value!;
        Assert.True(opened.Masked);
        Assert.Contains(card, opened.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("COPD", opened.Text, StringComparison.Ordinal);
        await using var db = app.NewDb();
        var patient = await db.Patients.Where(p => p.HealthCardNumber == card).Select(p => p.Id).SingleAsync();
        var adminName = admin.UserName.ToLowerInvariant();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.What == "HL7 message" && e.UserName == adminName));

        // Anyone else is refused, and the refusal is in the audit.
        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId));
        Assert.False((await app.Get<OpenHospitalMessage.Handler>().Handle(coordinator, accepted.Id)).Succeeded);
        Assert.False((await app.Get<MessageLog.Handler>().Handle(coordinator, new MessageLog.Query())).Succeeded);
        var coordinatorName = coordinator.UserName.ToLowerInvariant();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.What == "HL7 message" && e.UserName == coordinatorName && e.Outcome == AuditOutcome.Refused));

        // Configuring: a bad address and a facility already there are refused, naming the field.
        var save = app.Get<SaveMessageSender.Handler>();
        var bad = await save.Handle(admin, new SaveMessageSender.Command { FacilityCode = "STRANGER", OrganizationId = hospital, AllowedAddresses = "10.0.0.300" });
        Assert.Equal("AllowedAddresses", Assert.Single(bad.Violations).Field);
        var twice = await save.Handle(admin, new SaveMessageSender.Command { FacilityCode = Facility.ToLowerInvariant(), OrganizationId = hospital });
        Assert.Equal(("FacilityCode", Rules.SenderExists), (Assert.Single(twice.Violations).Field, twice.Violations[0].Code));
        Assert.True((await save.Handle(admin, new SaveMessageSender.Command { FacilityCode = "STRANGER", OrganizationId = hospital, AllowedAddresses = "127.0.0.1" })).Succeeded);
        Assert.Equal("AA", Ack(await Send(Adt("A04", "LOG-4", card, "E", "L4", DateTime.UtcNow, facility: "STRANGER"))));
    }

    /// <summary>
    /// The short crash test (bench/ runs 100,000): `adt listen` killed with SIGKILL while 200 messages stream (32 may go
    /// unanswered), restarted, and sent what was not acknowledged and 50 that were: each stored once, each visit once.
    /// </summary>
    /// <summary>Found by the socket fuzz: a visit number already another patient's must be refused, not block the interface.</summary>
    [Fact]
    public async Task AVisitNumberOfAnotherPatient_IsRefused_AndTheNextMessageIsTaken()
    {
        await Sender();
        var (card, visit, admitted) = (PatientRecordTests.NewCard(), $"XV-{Guid.NewGuid():N}"[..20], DateTime.UtcNow.AddHours(-5));
        Assert.Equal("AA", Ack(await Send(Adt("A04", $"XV1-{visit}", card, "E", visit, admitted))));
        var other = Adt("A03", $"XV2-{visit}", card, "E", visit, admitted, admitted.AddHours(2), mrn: $"MRN-{visit}").Replace($"{card}^^^ON^JHN~", "", StringComparison.Ordinal);
        var reply = await Send(other);
        Assert.Equal("AR", Ack(reply));
        Assert.Contains("PV1", reply.First("ERR")!.Value(2), StringComparison.Ordinal);
        Assert.Equal("AA", Ack(await Send(Adt("A03", $"XV3-{visit}", card, "E", visit, admitted, admitted.AddHours(2)))));

        // Also found by the fuzz: a facility code of 28,000 characters stopped the one writer, and every connection with it.
        var longFacility = Adt("A03", $"XV4-{visit}", card, "E", visit, admitted, admitted.AddHours(2), facility: new string('B', 5000));
        var refused = await Send(longFacility);
        Assert.Equal("AE", Ack(refused));
        Assert.Contains("MSH", refused.First("ERR")!.Value(2), StringComparison.Ordinal);
        Assert.Equal("AA", Ack(await Send(Adt("A08", $"XV5-{visit}", card, "E", visit, admitted))));

        await using var db = app.NewDb();
        Assert.Equal(1, await db.SourceLinks.CountAsync(l => l.ResourceType == "Encounter" && l.SourceId.EndsWith(visit)));
    }

    /// <summary>Run on SQLite, the embedded store, in scripts/test; scripts/bench-messages runs it on both with 100,000 messages.</summary>
    protected async Task ListenerKilledMidStream()
    {
        await Sender();
        const int count = 200;
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var (visit, admitted) = (i / 2, DateTime.UtcNow.AddHours(-3));
            var card = CrashCards[visit % CrashCards.Length];
            return i % 2 == 0 ? Adt("A04", $"K-{i}", card, "E", $"KV{visit}", admitted) : Adt("A03", $"K-{i}", card, "E", $"KV{visit}", admitted, admitted.AddHours(1));
        }).ToList();
        var acked = new bool[count];
        var port = FreePort();
        var listener = await Listening(port);
        try
        {
            await Stream(port, [.. Enumerable.Range(0, count)], messages, acked, onAck: n =>
            {
                if (n == 80)
                {
                    listener.Kill();
                }
            });
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
        }

        await listener.WaitForExitAsync();
        Assert.InRange(acked.Count(a => a), 80, count - 1);
        listener = await Listening(port);
        try
        {
            await Stream(port, [.. Enumerable.Range(0, count).Where(i => !acked[i])], messages, acked, _ => { });
            await Stream(port, [.. Enumerable.Range(0, count).Take(50)], messages, acked, _ => { });
        }
        finally
        {
            listener.Kill();
            await listener.WaitForExitAsync();
        }

        Assert.All(acked, Assert.True);
        await using var db = app.NewDb();
        Assert.Equal(count, await db.HospitalMessages.CountAsync(m => m.Ack == "AA"));
        Assert.Equal(count, await db.HospitalMessages.Select(m => m.ControlId).Distinct().CountAsync());
        Assert.Equal(count / 2, await db.Encounters.CountAsync(e => e.End != null));
        Assert.Equal(count / 2, await db.Encounters.CountAsync());
    }

    private static readonly string[] CrashCards = [.. Enumerable.Range(0, 50).Select(_ => PatientRecordTests.NewCard())];

    private async Task<Process> Listening(int port)
    {
        var process = app.StartCli("adt", "listen", "--port", port.ToString(CultureInfo.InvariantCulture));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return process;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 300 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task Stream(int port, List<int> order, List<string> messages, bool[] acked, Action<int> onAck)
    {
        await using var client = await MllpClient.Connect("127.0.0.1", port);
        var (sent, answered, total) = (0, 0, acked.Count(a => a));
        while (answered < order.Count)
        {
            while (sent < order.Count && sent - answered < 32)
            {
                await client.Write(messages[order[sent++]]);
            }

            if (Ack(Hl7Message.Parse(await client.Read())) == "AA")
            {
                acked[order[answered]] = true;
                onAck(++total);
            }

            answered++;
        }
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task Enroll(PatientId id)
    {
        await using var db = app.NewDb();
        var patient = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).SingleAsync(p => p.Id == id);
        var at = DateTime.UtcNow.AddDays(-20);
        var episode = patient.Identify(app.HealthLinkId, IdentificationSource.Screening, "test", at, null);
        episode.MoveTo(EnrollmentStatus.Invited, "test", at.AddDays(1), null);
        episode.MoveTo(EnrollmentStatus.Enrolled, "test", at.AddDays(2), null);
        await db.SaveChangesAsync();
    }
}

/// <summary>node-hl7-client (npm, installed by scripts/test into tests/node): a client nobody here wrote.</summary>
internal static class NodeClient
{
    public sealed record Reply(string File, string Ack, string Control, string Error);

    public static async Task<IReadOnlyList<Reply>> Send(int port, IEnumerable<string> files)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "tests", "node", "send-hl7.mjs")))
        {
            folder = folder.Parent;
        }

        var script = Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("tests/node"), "tests", "node", "send-hl7.mjs");
        var start = new ProcessStartInfo("node", [script, port.ToString(CultureInfo.InvariantCulture), .. files]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node-hl7-client failed: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<Reply>(l, JsonSerializerOptions.Web)!).ToList();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteHospitalMessageTests(SqliteApp app) : HospitalMessageTests(app)
{
    [Fact]
    public Task TheListenerKilledMidStream_LosesNothingAcknowledged_AndStoresNothingTwice() => ListenerKilledMidStream();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresHospitalMessageTests(PostgresApp app) : HospitalMessageTests(app);
