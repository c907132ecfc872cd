using HealthLinks.Domain;

namespace HealthLinks.Bench.Screening;

/// <summary>
/// A deterministic synthetic region for the screening benchmark: patients with three years of encounters (2023 to
/// 2025) and coded conditions. Most are light users; a few percent are frequent ED visitors with several chronic
/// conditions, as in a real region. The same seed gives the same rows, ids included, on any database.
/// </summary>
internal sealed class SyntheticRegion(int patients, int meanEncounters, int seed = 20261124)
{
    public const int Hospitals = 12;
    public const int Clinics = 120;
    public const int HomeCareAgencies = 8;
    public const int Providers = 6000;

    public static readonly DateOnly AsOf = new(2026, 1, 1);
    private static readonly DateTime From = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 3 * 365;

    private static readonly string[] Reasons =
    [
        "Chest pain", "Shortness of breath", "Fall", "Exacerbation of COPD", "Heart failure", "Pneumonia", "Urinary tract infection",
        "Cellulitis", "Abdominal pain", "Dizziness", "Hypoglycaemia", "Confusion", "Back pain", "Laceration", "Fracture of wrist",
        "Anxiety", "Depression", "Alcohol intoxication", "Dehydration", "Syncope", "Headache", "Asthma attack", "Kidney stone",
        "Medication review", "Wound care", "Follow-up visit", "Blood pressure check", "Diabetes follow-up", "Routine examination",
        "Pregnancy check", "Prenatal visit",
    ];

    private static readonly (CodeSystem System, string Code, string Display)[] Codes =
    [
        (CodeSystem.SnomedCt, "44054006", "Diabetes mellitus type 2"),
        (CodeSystem.SnomedCt, "38341003", "Hypertension"),
        (CodeSystem.SnomedCt, "13645005", "Chronic obstructive lung disease"),
        (CodeSystem.SnomedCt, "88805009", "Chronic congestive heart failure"),
        (CodeSystem.SnomedCt, "49436004", "Atrial fibrillation"),
        (CodeSystem.SnomedCt, "35489007", "Depressive disorder"),
        (CodeSystem.SnomedCt, "26929004", "Alzheimer's disease"),
        (CodeSystem.SnomedCt, "431855005", "Chronic kidney disease stage 1"),
        (CodeSystem.SnomedCt, "239873007", "Osteoarthritis of knee"),
        (CodeSystem.SnomedCt, "195967001", "Asthma"),
        (CodeSystem.SnomedCt, "53741008", "Coronary arteriosclerosis"),
        (CodeSystem.SnomedCt, "230690007", "Cerebrovascular accident"),
        (CodeSystem.Icd10Ca, "E11.9", "Type 2 diabetes mellitus without complications"),
        (CodeSystem.Icd10Ca, "I50.0", "Congestive heart failure"),
        (CodeSystem.Icd10Ca, "F10.2", "Alcohol dependence"),
        (CodeSystem.Icd10Ca, "C50.9", "Malignant neoplasm of breast"),
        (CodeSystem.SnomedCt, "162864005", "Body mass index 30+ - obesity"),
        (CodeSystem.SnomedCt, "10509002", "Acute bronchitis"),
    ];

    private static readonly (CodeSystem System, string Code, string Display)[] Social =
    [
        (CodeSystem.Icd10Ca, "Z59.0", "Homelessness"),
        (CodeSystem.Icd10Ca, "Z60.2", "Problems related to living alone"),
        (CodeSystem.SnomedCt, "73438004", "Unemployed"),
    ];

    public readonly record struct PatientRow(Guid Id, DateOnly Born, bool Female);

    public readonly record struct EncounterRow(Guid Id, Guid Patient, EncounterKind Kind, DateTime Start, DateTime? End, Guid? Facility, Guid? Provider, string? Reason);

    public readonly record struct ConditionRow(Guid Id, Guid Patient, CodeSystem System, string Code, string Display, DateOnly? Onset, ConditionStatus Status);

    public int Patients => patients;

    public static Guid HealthLink { get; } = Id(1, 0, 0);

    public static Guid Region { get; } = Id(2, 0, 0);

    public static Guid Facility(int n) => Id(3, n, 0);

    public static Guid Provider(int n) => Id(4, n, 0);

    public static Guid Patient(int n) => Id(5, n, 0);

    /// <summary>Facilities: hospitals first, then clinics, then home care agencies.</summary>
    public static IEnumerable<(Guid Id, string Name, OrganizationKind Kind)> Facilities() =>
        Enumerable.Range(0, Hospitals).Select(n => (Facility(n), $"Bench Hospital {n + 1}", OrganizationKind.Hospital))
            .Concat(Enumerable.Range(Hospitals, Clinics).Select(n => (Facility(n), $"Bench Clinic {n + 1}", OrganizationKind.PrimaryCare)))
            .Concat(Enumerable.Range(Hospitals + Clinics, HomeCareAgencies).Select(n => (Facility(n), $"Bench Home Care {n + 1}", OrganizationKind.HomeAndCommunityCare)));

    public PatientRow PatientAt(int n)
    {
        var r = RandomFor(n, 0);
        var heavy = Tier(r) > 0;
        var age = heavy ? 40 + r.Next(55) : r.Next(95);
        return new PatientRow(Patient(n), AsOf.AddYears(-age).AddDays(-r.Next(365)), r.Next(2) == 0);
    }

    /// <summary>Three years of encounters; the count varies by how much care the patient needs, around the mean.</summary>
    public IEnumerable<EncounterRow> EncountersOf(int n)
    {
        var r = RandomFor(n, 1);
        var tier = Tier(RandomFor(n, 0));
        var count = tier switch
        {
            0 => r.Next(meanEncounters * 40 / 100, meanEncounters * 115 / 100),
            1 => r.Next(meanEncounters * 130 / 100, meanEncounters * 270 / 100),
            _ => r.Next(meanEncounters * 270 / 100, meanEncounters * 500 / 100),
        };
        var (ed, inpatient, homeCare) = tier switch
        {
            0 => (0.02, 0.003, 0.02),
            1 => (0.07, 0.03, 0.10),
            _ => (0.11, 0.05, 0.15),
        };
        var clinic = Hospitals + r.Next(Clinics);
        var familyDoctor = r.Next(Providers);
        for (var i = 0; i < count; i++)
        {
            var start = From.AddDays(r.Next(Days)).AddMinutes(r.Next(24 * 60));
            var u = r.NextDouble();
            var reason = Reasons[r.Next(Reasons.Length)];
            var id = Id(6, n, i);
            if (u < ed)
            {
                yield return new EncounterRow(id, Patient(n), EncounterKind.EmergencyVisit, start, start.AddHours(2 + r.Next(10)), Facility(r.Next(Hospitals)), Provider(r.Next(Providers)), reason);
            }
            else if (u < ed + inpatient)
            {
                yield return new EncounterRow(id, Patient(n), EncounterKind.InpatientStay, start, start.AddDays(1 + r.Next(14)), Facility(r.Next(Hospitals)), Provider(r.Next(Providers)), reason);
            }
            else if (u < ed + inpatient + homeCare)
            {
                yield return new EncounterRow(id, Patient(n), EncounterKind.HomeCareVisit, start, start.AddHours(1), Facility(Hospitals + Clinics + r.Next(HomeCareAgencies)), Provider(r.Next(Providers)), null);
            }
            else if (u < 0.95)
            {
                var doctor = r.Next(12) == 0 ? r.Next(Providers) : familyDoctor;
                yield return new EncounterRow(id, Patient(n), EncounterKind.AmbulatoryVisit, start, start.AddMinutes(20), Facility(clinic), Provider(doctor), r.Next(3) == 0 ? reason : null);
            }
            else
            {
                yield return new EncounterRow(id, Patient(n), EncounterKind.Other, start, null, null, null, null);
            }
        }
    }

    public IEnumerable<ConditionRow> ConditionsOf(int n)
    {
        var r = RandomFor(n, 2);
        var tier = Tier(RandomFor(n, 0));
        var count = tier switch { 0 => r.Next(3), 1 => 1 + r.Next(5), _ => 3 + r.Next(6) };
        for (var i = 0; i < count; i++)
        {
            var (system, code, display) = Codes[r.Next(Codes.Length)];
            var status = r.Next(20) == 0 ? ConditionStatus.Resolved : ConditionStatus.Active;
            yield return new ConditionRow(Id(7, n, i), Patient(n), system, code, display, r.Next(10) == 0 ? null : AsOf.AddDays(-r.Next(15 * 365)), status);
        }

        if (r.Next(tier == 0 ? 100 : 12) == 0)
        {
            var (system, code, display) = Social[r.Next(Social.Length)];
            yield return new ConditionRow(Id(7, n, count), Patient(n), system, code, display, AsOf.AddDays(-r.Next(3 * 365)), ConditionStatus.Active);
        }
    }

    /// <summary>0 for the 85% who need little care, 1 for the 12% who need more, 2 for the 3% who need the most.</summary>
    private static int Tier(Random r) => r.NextDouble() switch { < 0.85 => 0, < 0.97 => 1, _ => 2 };

    private Random RandomFor(int n, int stream) => new(unchecked((seed * 1_000_003) + (n * 4) + stream));

    /// <summary>Ids made from what they name, so every run and every database has the same ones.</summary>
    private static Guid Id(int kind, int n, int i) => new(n, (short)kind, 0x7000, BitConverter.GetBytes((long)i));
}
