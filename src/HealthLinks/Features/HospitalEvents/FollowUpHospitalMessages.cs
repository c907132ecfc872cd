using System.Linq.Expressions;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.HospitalEvents.Hl7;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Screening;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// What follows an applied message, after its commit and in the order received: the audit event (source "messages"), the
/// patient re-screened at once, and for an enrolled patient the lead told of an emergency visit or admission, and on a
/// discharge a follow-up visit proposed on the plan. Durable: a message is marked done only after all of it, so a
/// restart finishes what a crash left.
/// </summary>
internal sealed class FollowUpHospitalMessages(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, ScreenPatient screen, Notifier notifier, TimeProvider clock, IStringLocalizer<Resources.Strings> l)
{
    public static readonly Viewer System = new("", "messages", [], null, null, null, AuditSource.Messages);

    /// <summary>Whose lead hears of their hospital visits: patients enrolled, active or stepped down.</summary>
    private static readonly Expression<Func<Domain.Enrollment, bool>> Enrolled =
        e => e.Status == EnrollmentStatus.Enrolled || e.Status == EnrollmentStatus.Active || e.Status == EnrollmentStatus.SteppedDown;

    /// <summary>The action proposed to the lead after a discharge.</summary>
    public const int FollowUpDays = 7;

    /// <summary>Follows up to <paramref name="max"/> applied messages; returns how many.</summary>
    public async Task<int> Run(int max, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var messages = await db.HospitalMessages.Where(m => m.Ack == "AA" && !m.FollowedUp).OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id).Take(max).ToListAsync(ct);
        if (messages.Count == 0)
        {
            return 0;
        }

        var facilities = await db.MessageSenders.Join(db.Organizations, s => s.OrganizationId, o => o.Id, (s, o) => new { s.Id, o.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        await audit.AppendEach(System, messages.Select(m => (m.PatientId, $"HL7 {m.Event} from {Clip(facilities.GetValueOrDefault(m.SenderId ?? Guid.Empty) ?? m.Sender ?? "", 80)}: {m.Outcome}")).ToList(),
            AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
        var events = messages.Select(m => (Message: m, Happened: m.PatientId is null ? null : Happened(m), Facility: facilities.GetValueOrDefault(m.SenderId ?? Guid.Empty) ?? ""))
            .Where(e => e.Happened is not null).Select(e => (Patient: e.Message.PatientId!.Value, Happened: e.Happened!, e.Facility, Day: OntarioTime.DayOf(e.Happened!.At))).ToList();

        // All the batch's patients re-screened together (a backlog costs one read of what changed), then each lead told in order.
        await screen.Handle(events.Select(e => new ScreenPatient.Command(e.Patient, new("hospital-event", e.Day, $"{e.Happened.Event} · {e.Facility}"))).ToList(), ct);
        var patients = events.Select(e => e.Patient).Distinct().ToList();
        var enrolled = (await db.Enrollments.Where(e => patients.Contains(e.PatientId) && e.IsOpen).Where(Enrolled).Select(e => e.PatientId).ToListAsync(ct)).ToHashSet();
        foreach (var e in events.Where(e => enrolled.Contains(e.Patient)))
        {
            await TellLead(e.Patient, e.Happened, e.Facility, e.Day, ct);
        }

        foreach (var message in messages)
        {
            message.MarkFollowedUp(clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(ct);
        return messages.Count;
    }

    private sealed record Happening(string Event, EncounterKind? Kind, DateTime At, bool Discharge);

    /// <summary>What the message did that matters to the care team: an arrival, an admission, a discharge; null for the rest.</summary>
    private static Happening? Happened(HospitalMessage message)
    {
        var outcomes = (message.Outcome ?? "").Split(',');
        var opened = outcomes.Contains("EncounterOpened") || outcomes.Contains("EncounterMoved");
        var discharged = outcomes.Contains("Discharged");
        if (!opened && !discharged)
        {
            return null;
        }

        var adt = AdtMessage.Read(Hl7Message.Parse(message.Text), OntarioTime.DayOf(message.ReceivedAt));
        var at = discharged ? adt.Stay?.Discharged ?? adt.RecordedAt ?? message.ReceivedAt : adt.Stay?.Admitted ?? adt.RecordedAt ?? message.ReceivedAt;
        var kind = adt.Event switch { "A06" => EncounterKind.InpatientStay, "A01" => adt.Stay?.Kind ?? EncounterKind.InpatientStay, _ => adt.Stay?.Kind };
        return new Happening(adt.Event, kind, at, discharged);
    }

    private async Task TellLead(PatientId patient, Happening happened, string facility, DateOnly day, CancellationToken ct)
    {
        var arrival = !happened.Discharge && happened.Kind is EncounterKind.EmergencyVisit or EncounterKind.InpatientStay;
        if (!arrival && !happened.Discharge)
        {
            return;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var enrolled = await db.Enrollments.Where(e => e.PatientId == patient && e.IsOpen).AnyAsync(Enrolled, ct);
        var today = Ontario.Today(clock);
        var lead = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)).FirstOrDefaultAsync(ct);
        if (!enrolled || lead?.ProviderId is not { } leadProvider)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = await db.Patients.Where(p => p.Id == patient).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(ct);
        if (happened.Discharge && await PlanEdit.Open(db, patient, System.UserName, now, today, ct) is var (plan, team))
        {
            // The plan is shared by the whole team: its text is in the patient's language.
            var language = await db.Patients.Where(p => p.Id == patient).Select(p => p.Language).FirstAsync(ct) == PreferredLanguage.French ? "fr" : "en";
            PlanEdit.Apply(db, plan, team, document => Languages.In(language, () => ProposeFollowUp(document, lead.Id, day)), System.UserName, now);
        }

        // Directives decide who may be told: a lead the patient withheld their record from hears nothing.
        var emails = await Notifier.ProviderEmails(db, patient, [leadProvider], today, ct);
        var sent = new List<Notifier.Email>();
        foreach (var address in emails.Values)
        {
            sent.Add(await Notifier.Add(db, address, "hospital-event", () => happened.Discharge
                ? (l["HospitalEvent_DischargeTitle"], l["HospitalEvent_DischargeBody", name, facility, Languages.Date(day), FollowUpDays])
                : (l[happened.Kind == EncounterKind.EmergencyVisit ? "HospitalEvent_EmergencyTitle" : "HospitalEvent_AdmissionTitle"], l[happened.Kind == EncounterKind.EmergencyVisit ? "HospitalEvent_EmergencyBody" : "HospitalEvent_AdmissionBody", name, facility, Languages.Date(day)]),
                $"/patients/{patient.Value}", now, ct));
        }

        await db.SaveChangesAsync(ct);
        await notifier.Send(sent, ct);
    }

    /// <summary>A primary care visit within 7 days, proposed to the lead under a goal for the return home (added once per discharge day); false when already there.</summary>
    private bool ProposeFollowUp(CarePlanDocument document, Guid leadMember, DateOnly discharged)
    {
        var what = l["HospitalEvent_FollowUpAction", Languages.Date(discharged), FollowUpDays].Value;
        if (document.Goals.SelectMany(g => g.Actions).Any(a => a.What == what))
        {
            return false;
        }

        var goalText = l["HospitalEvent_FollowUpGoal"].Value;
        var goal = document.Goals.FirstOrDefault(g => g.InMyWords == goalText);
        if (goal is null)
        {
            goal = new Goal { InMyWords = goalText };
            document.Goals.Add(goal);
        }

        goal.Actions.Add(new PlanAction { What = what, ResponsibleMemberId = leadMember, TargetDate = discharged.AddDays(FollowUpDays), Status = ActionStatus.Proposed });
        return true;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
