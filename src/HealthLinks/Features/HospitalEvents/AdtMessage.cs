using HealthLinks.Domain;
using HealthLinks.Features.HospitalEvents.Hl7;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// What an ADT message says, read from its segments into our terms: the event, the patient (identifiers and details),
/// the visit (PV1/PV2), diagnoses (DG1) and, for a merge, the record merged away (MRG). Throws, naming the field, when
/// something it needs is missing or malformed.
/// </summary>
public sealed record AdtMessage(string Event, string Facility, string FacilityText, string? ControlId, DateTime? RecordedAt, AdtMessage.PatientPart Patient, AdtMessage.Visit? Stay, IReadOnlyList<AdtMessage.Diagnosis> Diagnoses, IReadOnlyList<AdtMessage.Identifier> MergedAway)
{
    /// <summary>Events that change a record here; every other ADT event is acknowledged and logged with no effect.</summary>
    public static readonly IReadOnlySet<string> Applied = new HashSet<string> { "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A11", "A12", "A13", "A28", "A31", "A40" };

    private const int MaxIdentifiers = 50;

    private static readonly string[] Versions = ["2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2"];

    /// <summary>A patient identifier from PID-3 (or MRG-1): an Ontario health card number, or a record number of the sending facility.</summary>
    public sealed record Identifier(string Value, string Authority, string Type, bool IsHealthCard);

    public sealed record PatientPart(IReadOnlyList<Identifier> Identifiers, PatientDetails Details, IReadOnlyList<string> LeftOut, DateOnly? DiedOn);

    public sealed record Visit(EncounterKind? Kind, string? VisitNumber, DateTime? Admitted, DateTime? Discharged, string? Reason);

    public sealed record Diagnosis(CodeSystem System, string Code, string Display, DateOnly? On);

    /// <summary>A facility code longer than this is refused (the directory keeps 200).</summary>
    public const int MaxFacilityLength = 200;

    /// <summary>The header fields every message needs before anything else: type ADT, a known version, a control id, a facility.</summary>
    public static (string Event, string Facility) Header(Hl7Message message)
    {
        var msh = message.Header;
        if (msh.Value(9) is not { } type)
        {
            throw new Hl7Exception(msh.At(9, 1), Hl7ErrorCode.RequiredFieldMissing, "MSH-9 (message type) is empty");
        }

        if (type != "ADT")
        {
            throw new Hl7Exception(msh.At(9, 1), Hl7ErrorCode.UnsupportedMessageType, $"only ADT messages are taken here, not {Clip(type)}");
        }

        var version = msh.Value(12) ?? throw new Hl7Exception(msh.At(12, 1), Hl7ErrorCode.RequiredFieldMissing, "MSH-12 (version) is empty");
        if (!Versions.Contains(version))
        {
            throw new Hl7Exception(msh.At(12, 1), Hl7ErrorCode.UnsupportedVersionId, $"version {Clip(version)} is not taken here (2.3 to 2.8)");
        }

        if (msh.Value(10) is null)
        {
            throw new Hl7Exception(msh.At(10, 1), Hl7ErrorCode.RequiredFieldMissing, "MSH-10 (message control id) is empty");
        }

        var trigger = msh.Value(9, 2) ?? message.First("EVN")?.Value(1) ?? throw new Hl7Exception(msh.At(9, 2), Hl7ErrorCode.RequiredFieldMissing, "MSH-9.2 (trigger event) is empty");
        if (trigger.Length != 3 || trigger[0] != 'A' || !char.IsAsciiDigit(trigger[1]) || !char.IsAsciiDigit(trigger[2]))
        {
            throw new Hl7Exception(msh.At(9, 2), Hl7ErrorCode.UnsupportedEventCode, $"'{Clip(trigger)}' is not an ADT trigger event");
        }

        var facility = msh.Value(4) ?? msh.Value(4, 2) ?? throw new Hl7Exception(msh.At(4, 1), Hl7ErrorCode.RequiredFieldMissing, "MSH-4 (sending facility) is empty");
        if (facility.Length > MaxFacilityLength)
        {
            throw new Hl7Exception(msh.At(4, 1), Hl7ErrorCode.DataTypeError, $"MSH-4 (sending facility) is over {MaxFacilityLength} characters");
        }

        return (trigger, facility);
    }

    public static AdtMessage Read(Hl7Message message, DateOnly today)
    {
        var (trigger, facility) = Header(message);
        var msh = message.Header;
        var pid = message.First("PID") ?? throw new Hl7Exception(new("PID", 1), Hl7ErrorCode.SegmentSequenceError, "the message has no PID segment");
        var evn = message.First("EVN");
        var recorded = (evn is null ? null : Hl7Time.Instant(evn, 6) ?? Hl7Time.Instant(evn, 2)) ?? Hl7Time.Instant(msh, 7);
        var patient = ReadPatient(pid, today);
        var pv1 = message.First("PV1");
        Visit? visit = null;
        if (pv1 is not null)
        {
            var pv2 = message.First("PV2");
            var reason = pv2?.Value(3, 2) ?? pv2?.Value(3, 1);
            visit = new Visit(KindOf(pv1.Value(2)), pv1.Value(19), Hl7Time.Instant(pv1, 44), Hl7Time.Instant(pv1, 45), reason is null ? null : Clip(reason, 200));
            if (visit.Admitted is { } a && visit.Discharged is { } d && d < a)
            {
                throw new Hl7Exception(pv1.At(45, 1), Hl7ErrorCode.DataTypeError, "PV1-45 (discharge) is before PV1-44 (admission)");
            }
        }

        var diagnoses = message.All("DG1").Select(Diagnosed).OfType<Diagnosis>().ToList();
        var merged = message.First("MRG") is { } mrg ? Identifiers(mrg, 1) : [];
        if (trigger == "A40" && merged.Count == 0)
        {
            throw new Hl7Exception(new("MRG", 1, 1), Hl7ErrorCode.RequiredFieldMissing, "a merge (A40) needs MRG-1, the identifier of the record merged away");
        }

        return new AdtMessage(trigger, MessageSender.Key(facility), msh.Whole(4) ?? facility, msh.Value(10), recorded, patient, visit, diagnoses, merged);
    }

    private static PatientPart ReadPatient(Hl7Segment pid, DateOnly today)
    {
        var ids = Identifiers(pid, 3).Concat(Identifiers(pid, 2)).ToList();
        if (ids.Count == 0)
        {
            throw new Hl7Exception(pid.At(3, 1), Hl7ErrorCode.RequiredFieldMissing, "PID-3 (patient identifier list) has no identifier");
        }

        var leftOut = new List<string>();
        var details = new PatientDetails
        {
            FamilyName = pid.Value(5, 1),
            GivenName = pid.Value(5, 2),
            DateOfBirth = Hl7Time.Day(pid, 7),
            Sex = pid.Value(8) switch
            {
                "F" => AdministrativeSex.Female,
                "M" => AdministrativeSex.Male,
                "O" or "A" or "N" or "X" => AdministrativeSex.Other,
                _ => AdministrativeSex.Unknown,
            },
            HealthCardNumber = ids.FirstOrDefault(i => i.IsHealthCard)?.Value,
            Province = null,
        };
        if (details.DateOfBirth > today)
        {
            throw new Hl7Exception(pid.At(7, 1), Hl7ErrorCode.DataTypeError, "PID-7 (birth date) is in the future");
        }

        // Only what our record can hold as it is: a foreign address or phone is left out and said so, not reshaped.
        var province = pid.Value(11, 4);
        var postal = pid.Value(11, 5)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (pid.Value(11) is not null || pid.Value(11, 3) is not null)
        {
            if (province is { Length: 2 } && (postal is null || ContactFormats.IsPostalCode(postal)))
            {
                (details.Street, details.City, details.Province, details.PostalCode) = (Clip(pid.Whole(11, 1), 200), Clip(pid.Value(11, 3), 100), province.ToUpperInvariant(), postal);
            }
            else
            {
                leftOut.Add("PID-11 (address: not a Canadian address)");
            }
        }

        var phone = pid.Value(13, 1) ?? (pid.Value(13, 6) is { } area && pid.Value(13, 7) is { } local ? area + local : null);
        if (phone is not null && ContactFormats.IsPhone(phone))
        {
            details.Phone = phone;
        }
        else if (phone is not null)
        {
            leftOut.Add("PID-13 (phone: not a North American number)");
        }

        var died = Hl7Time.Instant(pid, 29) is { } d ? OntarioTime.DayOf(d) : (DateOnly?)null;
        return new PatientPart(ids, details, leftOut, died);
    }

    /// <summary>The identifiers of a CX field: health card numbers (type JHN from Ontario) and record numbers (MR, PI, PT or untyped).</summary>
    private static List<Identifier> Identifiers(Hl7Segment segment, int field)
    {
        var ids = new List<Identifier>();
        var repetitions = segment.Repetitions(field);
        if (repetitions > MaxIdentifiers)
        {
            throw new Hl7Exception(segment.At(field, 1), Hl7ErrorCode.DataTypeError, $"{segment.Id}-{field} repeats {repetitions} times; at most {MaxIdentifiers} identifiers are read");
        }

        for (var r = 0; r < repetitions; r++)
        {
            if (segment.Value(field, 1, 1, r) is not { } value)
            {
                continue;
            }

            var authority = segment.Value(field, 4, 1, r) ?? segment.Value(field, 4, 2, r) ?? "";
            var type = (segment.Value(field, 5, 1, r) ?? "").ToUpperInvariant();
            var healthCard = type == "JHN" && authority.ToUpperInvariant() is "ON" or "CANON" or "MOHLTC" or "ONHIP" or "2.16.840.1.113883.4.59";
            if (healthCard || type is "" or "MR" or "MRN" or "PI" or "PT")
            {
                ids.Add(new Identifier(healthCard ? value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal) : Clip(value, 60)!, Clip(authority, 60)!, type, healthCard));
            }
        }

        return ids;
    }

    private static Diagnosis? Diagnosed(Hl7Segment dg1)
    {
        if (dg1.Value(3) is not { } code)
        {
            return null;
        }

        // ICD-10 and ICD-10-CA share their codes at the level screening reads; ICD-9 has no place here.
        var system = (dg1.Value(3, 3) ?? dg1.Value(2) ?? "").ToUpperInvariant() switch
        {
            "I10" or "I10C" or "ICD10" or "ICD10CA" or "ICD-10-CA" => CodeSystem.Icd10Ca,
            "SCT" or "SNM" or "SNOMEDCT" or "SNOMED CT" => CodeSystem.SnomedCt,
            _ => (CodeSystem?)null,
        };
        return system is { } s ? new Diagnosis(s, Clip(code, 20)!, Clip(dg1.Value(3, 2) ?? dg1.Value(4) ?? code, 300)!, Hl7Time.Instant(dg1, 5) is { } at ? OntarioTime.DayOf(at) : null) : null;
    }

    private static EncounterKind? KindOf(string? patientClass) => patientClass?.ToUpperInvariant() switch
    {
        "E" => EncounterKind.EmergencyVisit,
        "I" => EncounterKind.InpatientStay,
        "O" or "R" or "B" => EncounterKind.AmbulatoryVisit,
        _ => null,
    };

    private static string? Clip(string? s, int max = 40) => s is null || s.Length <= max ? s : s[..max];
}
