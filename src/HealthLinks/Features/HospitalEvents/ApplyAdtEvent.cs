using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.HospitalEvents.Hl7;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// What one ADT event does to the record: finds the patient (health card number, else the facility's record number
/// already linked), registers them when new, then opens, updates, moves, closes or cancels the encounter, adds the
/// diagnoses, or merges two records. Changes are tracked on the caller's context, saved in its transaction.
/// </summary>
internal sealed class ApplyAdtEvent(HealthLinksDb db, DateTime now, DateOnly today)
{
    public const string Source = "hl7v2";

    public sealed record Applied(Patient? Patient, MessageSender? Sender, IReadOnlyList<string> Outcomes);

    private static readonly HashSet<string> NeedVisit = ["A01", "A02", "A03", "A04", "A06", "A07", "A11", "A13"];

    private readonly List<string> _outcomes = [];

    public async Task<Applied> Run(AdtMessage adt, string? remoteAddress, CancellationToken ct)
    {
        var sender = await db.MessageSenders.FirstOrDefaultAsync(s => s.FacilityCode == adt.Facility, ct);
        if (sender is not null && !sender.Allows(remoteAddress))
        {
            throw new Hl7Exception(new("MSH", 1, 4), Hl7ErrorCode.UnknownKeyIdentifier, $"facility '{adt.FacilityText}' may not send from this address");
        }

        var patient = await Find(adt.Facility, adt.Patient.Identifiers, ct);
        if (sender is null)
        {
            if (patient is null)
            {
                throw new Hl7Exception(new("MSH", 1, 4), Hl7ErrorCode.UnknownKeyIdentifier,
                    $"facility '{adt.FacilityText}' is not configured here and the patient is not known: a Health Link administrator adds the facility under Interfaces");
            }

            sender = await AddUnconfirmed(adt, patient, ct);
        }

        if (!AdtMessage.Applied.Contains(adt.Event))
        {
            return Done(patient, sender, "NoEffect");
        }

        if (NeedVisit.Contains(adt.Event) && adt.Stay is null)
        {
            throw new Hl7Exception(new("PV1", 1), Hl7ErrorCode.SegmentSequenceError, $"an {adt.Event} needs a PV1 segment (the visit)");
        }

        if (patient is null)
        {
            if (adt.Event is "A11" or "A12" or "A13")
            {
                return Done(null, sender, "NoVisit");
            }

            patient = Register(adt, sender);
        }
        else if (adt.Event is "A08" or "A28" or "A31" or "A40")
        {
            UpdateDetails(patient, adt);
        }

        await Link(patient, adt.Facility, adt.Patient.Identifiers, ct);
        if (adt.Patient.DiedOn is { } died && patient.DiedOn is null)
        {
            Guard(() => patient.RecordDeath(died, today));
            _outcomes.Add("DeathRecorded");
        }

        await Visit(patient, sender, adt, ct);
        await AddDiagnoses(patient, adt.Diagnoses, ct);
        if (adt.Event == "A40")
        {
            await Merge(patient, adt, ct);
        }

        return Done(patient, sender, _outcomes.Count == 0 ? "NoChange" : null);
    }

    private Applied Done(Patient? patient, MessageSender? sender, string? outcome)
    {
        if (outcome is not null)
        {
            _outcomes.Add(outcome);
        }

        return new Applied(patient, sender, _outcomes);
    }

    public static string PatientKey(string facility, AdtMessage.Identifier id) => Clip($"{facility}|{id.Authority.ToUpperInvariant()}|{id.Value}", 200);

    private static string VisitKey(string facility, string visit) => Clip($"{facility}|{visit}", 200);

    private async Task<Patient?> Find(string facility, IReadOnlyList<AdtMessage.Identifier> ids, CancellationToken ct)
    {
        foreach (var card in ids.Where(i => i.IsHealthCard))
        {
            if (await db.Patients.FirstOrDefaultAsync(p => p.HealthCardNumber == card.Value, ct) is { } byCard)
            {
                return byCard;
            }
        }

        var keys = ids.Where(i => !i.IsHealthCard).Select(i => PatientKey(facility, i)).ToList();
        var linked = await db.SourceLinks.Where(l => l.Source == Source && l.ResourceType == "Patient" && keys.Contains(l.SourceId)).Select(l => l.LocalId).FirstOrDefaultAsync(ct);
        return linked == Guid.Empty ? null : await db.Patients.FirstOrDefaultAsync(p => p.Id == new PatientId(linked), ct);
    }

    /// <summary>The facility's record numbers for this patient, remembered; one already linked to someone else is refused.</summary>
    private async Task Link(Patient patient, string facility, IReadOnlyList<AdtMessage.Identifier> ids, CancellationToken ct)
    {
        foreach (var id in ids.Where(i => !i.IsHealthCard))
        {
            var key = PatientKey(facility, id);
            var link = db.SourceLinks.Local.FirstOrDefault(l => l.Source == Source && l.ResourceType == "Patient" && l.SourceId == key)
                ?? await db.SourceLinks.FirstOrDefaultAsync(l => l.Source == Source && l.ResourceType == "Patient" && l.SourceId == key, ct);
            if (link is null)
            {
                db.SourceLinks.Add(new SourceLink(Source, "Patient", key, patient.Id.Value, patient.Id));
            }
            else if (link.LocalId != patient.Id.Value)
            {
                throw new Hl7Exception(new("PID", 1, 3), Hl7ErrorCode.DuplicateKeyIdentifier, $"record number {id.Value} belongs to another patient here: merge the two records (A40) first");
            }
        }
    }

    private async Task<MessageSender> AddUnconfirmed(AdtMessage adt, Patient patient, CancellationToken ct)
    {
        var region = await db.HealthLinks.Where(h => h.Id == patient.HealthLinkId).Select(h => h.RegionId).FirstAsync(ct);
        var organization = new Organization(region, Clip(adt.FacilityText, 200), OrganizationKind.Hospital);
        db.Organizations.Add(organization);
        var sender = new MessageSender(adt.Facility, organization.Id, patient.HealthLinkId, "", confirmed: false, "messages", now);
        db.MessageSenders.Add(sender);
        _outcomes.Add("FacilityAdded");
        return sender;
    }

    private Patient Register(AdtMessage adt, MessageSender sender)
    {
        var patient = Guard(() => new Patient(sender.HealthLinkId, adt.Patient.Details, today));
        db.Patients.Add(patient);
        _outcomes.Add("PatientRegistered");
        return patient;
    }

    /// <summary>What the message says replaces what we hold; what it leaves empty (an email, a language) stays.</summary>
    private void UpdateDetails(Patient patient, AdtMessage adt)
    {
        var told = adt.Patient.Details;
        var details = patient.ToDetails();
        details.GivenName = told.GivenName ?? details.GivenName;
        details.FamilyName = told.FamilyName ?? details.FamilyName;
        details.DateOfBirth = told.DateOfBirth ?? details.DateOfBirth;
        details.Sex = told.Sex == AdministrativeSex.Unknown ? details.Sex : told.Sex;
        details.HealthCardNumber = told.HealthCardNumber ?? details.HealthCardNumber;
        details.HealthCardVersion = told.HealthCardNumber is null || told.HealthCardNumber == patient.HealthCardNumber ? details.HealthCardVersion : null;
        if (told.Province is not null)
        {
            (details.Street, details.City, details.Province, details.PostalCode) = (told.Street, told.City, told.Province, told.PostalCode);
        }

        details.Phone = told.Phone ?? details.Phone;
        Guard(() => patient.Update(details, today));
        _outcomes.Add("PatientUpdated");
    }

    private async Task Visit(Patient patient, MessageSender sender, AdtMessage adt, CancellationToken ct)
    {
        if (adt.Stay is not { } stay || adt.Event is "A05" or "A28" or "A31" or "A40")
        {
            return;
        }

        var (current, link) = await Current(patient, sender, stay, closed: adt.Event == "A13", ct);
        var at = stay.Admitted ?? adt.RecordedAt ?? now;
        switch (adt.Event)
        {
            case "A01" or "A04" when current is null:
                Open(patient, sender, stay.Kind ?? (adt.Event == "A01" ? EncounterKind.InpatientStay : EncounterKind.AmbulatoryVisit), at, stay.Discharged, stay);
                break;
            case "A06" when current is null:
                Open(patient, sender, EncounterKind.InpatientStay, at, null, stay);
                break;
            case "A03" when current is null:
                if (stay.Admitted is null)
                {
                    throw new Hl7Exception(new("PV1", 1, 44), Hl7ErrorCode.RequiredFieldMissing, "no admission is recorded for this visit and PV1-44 (admit time) is empty");
                }

                Open(patient, sender, stay.Kind ?? EncounterKind.InpatientStay, stay.Admitted.Value, stay.Discharged ?? adt.RecordedAt ?? now, stay);
                _outcomes.Add("Discharged");
                break;
            case "A11" when current is not null:
                db.Encounters.Remove(current);
                if (link is not null)
                {
                    db.SourceLinks.Remove(link);
                }

                _outcomes.Add("EncounterCancelled");
                break;
            case "A12":
                _outcomes.Add("TransferCancelled");
                break;
            case var _ when current is null:
                _outcomes.Add("NoVisit");
                break;
            default:
                var kind = adt.Event switch
                {
                    "A06" => EncounterKind.InpatientStay,
                    "A07" => stay.Kind is EncounterKind.EmergencyVisit ? EncounterKind.EmergencyVisit : EncounterKind.AmbulatoryVisit,
                    _ => stay.Kind ?? current.Kind,
                };
                var end = adt.Event switch
                {
                    "A03" => stay.Discharged ?? adt.RecordedAt ?? now,
                    "A13" => null,
                    _ => stay.Discharged ?? current.End,
                };
                var told = new Encounter(patient.Id, kind, stay.Admitted ?? current.Start, end, current.FacilityId, current.ProviderId, current.Source, stay.Reason ?? current.Reason);
                Guard(() => current.Update(told));
                _outcomes.Add(adt.Event switch { "A03" => "Discharged", "A13" => "DischargeCancelled", "A02" or "A06" or "A07" => "EncounterMoved", _ => "EncounterUpdated" });
                break;
        }
    }

    private void Open(Patient patient, MessageSender sender, EncounterKind kind, DateTime start, DateTime? end, AdtMessage.Visit stay)
    {
        var encounter = Guard(() => new Encounter(patient.Id, kind, start, end, sender.OrganizationId, null, Source, stay.Reason));
        db.Encounters.Add(encounter);
        if (stay.VisitNumber is { } number)
        {
            db.SourceLinks.Add(new SourceLink(Source, "Encounter", VisitKey(sender.FacilityCode, number), encounter.Id, patient.Id));
        }

        _outcomes.Add("EncounterOpened");
    }

    /// <summary>The visit the message is about: by its visit number (PV1-19), else (without one) the patient's latest open (or, to cancel a discharge, closed) one at this facility.</summary>
    private async Task<(Encounter? Encounter, SourceLink? Link)> Current(Patient patient, MessageSender sender, AdtMessage.Visit stay, bool closed, CancellationToken ct)
    {
        if (stay.VisitNumber is { } number)
        {
            var key = VisitKey(sender.FacilityCode, number);
            var link = db.SourceLinks.Local.FirstOrDefault(l => l.Source == Source && l.ResourceType == "Encounter" && l.SourceId == key)
                ?? await db.SourceLinks.FirstOrDefaultAsync(l => l.Source == Source && l.ResourceType == "Encounter" && l.SourceId == key, ct);
            // A visit number we have not seen is a visit of its own, never another one of the patient's.
            if (link is null)
            {
                return (null, null);
            }

            // One we have seen is that visit's, and that visit is one patient's: a message putting it on another is refused.
            var encounter = await db.Encounters.FirstOrDefaultAsync(e => e.Id == link.LocalId, ct);
            if (encounter is not null && encounter.PatientId != patient.Id)
            {
                throw new Hl7Exception(new("PV1", 1, 19), Hl7ErrorCode.DuplicateKeyIdentifier, $"visit number {number} is another patient's visit here: check the patient's identifiers (PID-3)");
            }

            if (encounter is null)
            {
                // The visit it named is gone (cancelled or removed): the number starts afresh.
                db.SourceLinks.Remove(link);
                return (null, null);
            }

            return (encounter, link);
        }

        var latest = await db.Encounters.Where(e => e.PatientId == patient.Id && e.FacilityId == sender.OrganizationId && (closed ? e.End != null : e.End == null))
            .OrderByDescending(e => e.Start).FirstOrDefaultAsync(ct);
        return (latest, null);
    }

    private async Task AddDiagnoses(Patient patient, IReadOnlyList<AdtMessage.Diagnosis> diagnoses, CancellationToken ct)
    {
        foreach (var d in diagnoses)
        {
            var held = db.Conditions.Local.Any(c => c.PatientId == patient.Id && c.System == d.System && c.Code == d.Code)
                || await db.Conditions.AnyAsync(c => c.PatientId == patient.Id && c.System == d.System && c.Code == d.Code, ct);
            if (!held)
            {
                db.Conditions.Add(Guard(() => new Condition(patient.Id, d.System, d.Code, d.Display, d.On, ConditionStatus.Active, Source)));
                _outcomes.Add("DiagnosisAdded");
            }
        }
    }

    /// <summary>
    /// A40: the record MRG-1 names joins the patient PID names; its encounters, conditions, costs, prescriptions and source
    /// ids move over and it is removed. A record with coordinated care of its own (an episode, a team, a plan) is merged by hand.
    /// </summary>
    private async Task Merge(Patient survivor, AdtMessage adt, CancellationToken ct)
    {
        var away = await Find(adt.Facility, adt.MergedAway, ct);
        if (away is null || away.Id == survivor.Id)
        {
            await Link(survivor, adt.Facility, adt.MergedAway, ct);
            _outcomes.Add("NoEffect");
            return;
        }

        var id = away.Id;
        var hasCare = await db.Enrollments.AnyAsync(e => e.PatientId == id, ct) || await db.CareTeamMembers.AnyAsync(m => m.PatientId == id, ct)
            || await db.CarePlans.AnyAsync(p => p.PatientId == id, ct) || await db.RelatedPeople.AnyAsync(r => r.PatientId == id, ct)
            || await db.Referrals.AnyAsync(r => r.PatientId == id, ct) || await db.ConsentDirectives.AnyAsync(d => d.PatientId == id, ct)
            || await db.Users.AnyAsync(u => u.PatientId == id, ct) || await db.PatientContacts.AnyAsync(c => c.PatientId == id, ct);
        if (hasCare)
        {
            throw new Hl7Exception(new("MRG", 1, 1), Hl7ErrorCode.ApplicationInternalError,
                "the record merged away has coordinated care here (an episode, a team, a plan, a directive or an account): a coordinator merges it by hand");
        }

        foreach (var e in await db.Encounters.Where(e => e.PatientId == id).ToListAsync(ct))
        {
            e.MoveTo(survivor.Id);
        }

        foreach (var c in await db.Conditions.Where(c => c.PatientId == id).ToListAsync(ct))
        {
            c.MoveTo(survivor.Id);
        }

        foreach (var c in await db.CostRecords.Where(c => c.PatientId == id).ToListAsync(ct))
        {
            c.MoveTo(survivor.Id);
        }

        foreach (var m in await db.MedicationOrders.Where(m => m.PatientId == id).ToListAsync(ct))
        {
            m.MoveTo(survivor.Id);
        }

        foreach (var l in await db.SourceLinks.Where(l => l.PatientId == id || l.LocalId == id.Value).ToListAsync(ct))
        {
            l.MoveTo(survivor.Id, l.LocalId == id.Value ? survivor.Id.Value : l.LocalId);
        }

        db.ScreeningResults.RemoveRange(await db.ScreeningResults.Where(r => r.PatientId == id).ToListAsync(ct));
        db.WorklistEntries.RemoveRange(await db.WorklistEntries.Where(w => w.PatientId == id).ToListAsync(ct));
        db.ExperienceSurveys.RemoveRange(await db.ExperienceSurveys.Where(s => s.PatientId == id).ToListAsync(ct));
        db.SourceLinks.Add(new SourceLink(Source, "MergedPatient", id.Value.ToString(), survivor.Id.Value, survivor.Id));
        db.Patients.Remove(away);
        _outcomes.Add("Merged");
    }

    /// <summary>A rule of our record the message breaks, said in the message's terms (segment and field).</summary>
    private static T Guard<T>(Func<T> act)
    {
        try
        {
            return act();
        }
        catch (DomainRuleException e)
        {
            var v = e.Violations[0];
            var (segment, field, component) = v.Field switch
            {
                "FamilyName" => ("PID", 5, 1),
                "GivenName" => ("PID", 5, 2),
                "PreferredName" => ("PID", 5, 2),
                "DateOfBirth" or "DiedOn" => ("PID", v.Field == "DiedOn" ? 29 : 7, 1),
                "HealthCardNumber" or "HealthCardVersion" => ("PID", 3, 1),
                "Street" or "City" or "Province" or "PostalCode" => ("PID", 11, 0),
                "Phone" => ("PID", 13, 1),
                "End" => ("PV1", 45, 1),
                "Code" or "Display" => ("DG1", 3, 1),
                _ => ("PID", 0, 0),
            };
            var code = v.Code == Rules.Required ? Hl7ErrorCode.RequiredFieldMissing : Hl7ErrorCode.DataTypeError;
            throw new Hl7Exception(new(segment, 1, field, Component: component), code, $"{v.Field}: {v.Message}");
        }
    }

    private static void Guard(Action act) => Guard(() =>
    {
        act();
        return 0;
    });

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
