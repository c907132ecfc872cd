using HealthLinks.Domain;

using R4 = Hl7.Fhir.Model;

namespace HealthLinks.Fhir;

/// <summary>How FHIR (as Synthea and others write it) reads in this product's terms. Each method refuses with a reason in plain words.</summary>
internal static class FhirMapping
{
    public const string OntarioHealthCardSystem = "https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn";

    private static readonly string[] Provinces = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];

    /// <summary>Encounter.class (v3 ActCode, as Synthea uses it) to the kinds that screening counts.</summary>
    public static EncounterKind Kind(string? actCode) => actCode?.ToUpperInvariant() switch
    {
        "EMER" => EncounterKind.EmergencyVisit,
        "IMP" or "ACUTE" or "NONAC" => EncounterKind.InpatientStay,
        "AMB" or "OBSENC" or "VR" or "FLD" or "SS" or "PRENC" => EncounterKind.AmbulatoryVisit,
        "HH" => EncounterKind.HomeCareVisit,
        _ => EncounterKind.Other,
    };

    public static PatientDetails Patient(R4.Patient p)
    {
        var name = p.Name.FirstOrDefault(n => n.Use == R4.HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        var card = p.Identifier.FirstOrDefault(i => i.System == OntarioHealthCardSystem);
        var address = p.Address.FirstOrDefault();
        var province = address?.State?.Trim().ToUpperInvariant();
        var phone = p.Telecom.FirstOrDefault(t => t.System == R4.ContactPoint.ContactPointSystem.Phone)?.Value;
        var email = p.Telecom.FirstOrDefault(t => t.System == R4.ContactPoint.ContactPointSystem.Email)?.Value;
        var language = p.Communication.Select(c => c.Language?.Coding.FirstOrDefault()?.Code ?? "").FirstOrDefault() ?? "";
        return new PatientDetails
        {
            GivenName = name?.Given.FirstOrDefault(),
            FamilyName = name?.Family,
            DateOfBirth = Day(p.BirthDate),
            Sex = p.Gender switch
            {
                R4.AdministrativeGender.Female => AdministrativeSex.Female,
                R4.AdministrativeGender.Male => AdministrativeSex.Male,
                R4.AdministrativeGender.Other => AdministrativeSex.Other,
                _ => AdministrativeSex.Unknown,
            },
            HealthCardNumber = card?.Value,
            City = address?.City is { Length: <= 100 } city ? city : null,
            Province = province is not null && Provinces.Contains(province) ? province : null,
            PostalCode = address?.PostalCode is { } postal && ContactFormats.IsPostalCode(postal.ToUpperInvariant()) ? postal : null,
            Phone = phone is not null && ContactFormats.IsPhone(phone) ? phone : null,
            Email = email is not null && ContactFormats.IsEmail(email) ? email : null,
            Language = language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? PreferredLanguage.French
                : language.Length == 0 || language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? PreferredLanguage.English : PreferredLanguage.Other,
            OtherLanguage = language.Length > 0 && !language.StartsWith("en", StringComparison.OrdinalIgnoreCase) && !language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? language : null,
        };
    }

    public static OrganizationKind OrganizationKind(R4.Organization o)
    {
        var words = $"{o.Name} {string.Join(' ', o.Type.SelectMany(t => t.Coding).Select(c => c.Code))}".ToUpperInvariant();
        return words switch
        {
            _ when words.Contains("HOSPITAL", StringComparison.Ordinal) || words.Contains("MEDICAL CENTER", StringComparison.Ordinal) => Domain.OrganizationKind.Hospital,
            _ when words.Contains("PHARMACY", StringComparison.Ordinal) => Domain.OrganizationKind.Pharmacy,
            _ when words.Contains("HOME", StringComparison.Ordinal) => Domain.OrganizationKind.HomeAndCommunityCare,
            _ => Domain.OrganizationKind.PrimaryCare,
        };
    }

    public static (CodeSystem System, string Code, string Display)? Code(R4.CodeableConcept? concept)
    {
        foreach (var coding in concept?.Coding ?? [])
        {
            CodeSystem? system = coding.System switch
            {
                "http://snomed.info/sct" => CodeSystem.SnomedCt,
                "http://hl7.org/fhir/sid/icd-10-ca" or "http://hl7.org/fhir/sid/icd-10" => CodeSystem.Icd10Ca,
                _ => null,
            };
            if (system is { } s && !string.IsNullOrWhiteSpace(coding.Code))
            {
                return (s, coding.Code.Trim(), coding.Display ?? concept!.Text ?? coding.Code);
            }
        }

        return null;
    }

    public static ConditionStatus Status(R4.CodeableConcept? clinicalStatus, bool abated) =>
        clinicalStatus?.Coding.FirstOrDefault()?.Code switch
        {
            "resolved" => ConditionStatus.Resolved,
            "inactive" or "remission" => ConditionStatus.Inactive,
            "active" or "recurrence" or "relapse" => ConditionStatus.Active,
            _ => abated ? ConditionStatus.Resolved : ConditionStatus.Active,
        };

    public static DateTime? Moment(string? fhirDateTime) =>
        fhirDateTime is not null && new R4.FhirDateTime(fhirDateTime).TryToDateTimeOffset(TimeSpan.Zero, out var at) ? at.UtcDateTime : null;

    public static DateOnly? Day(string? fhirDate) => Moment(fhirDate) is { } at ? DateOnly.FromDateTime(at) : null;

    public static string? Clip(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length];
}
