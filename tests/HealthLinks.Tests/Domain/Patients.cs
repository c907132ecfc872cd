using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

internal static class Patients
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static PatientDetails Details() => new()
    {
        GivenName = "Émilie",
        FamilyName = "Bélanger",
        DateOfBirth = new DateOnly(1948, 3, 14),
        HealthCardNumber = "9876543217",
        HealthCardVersion = "AB",
        City = "Orléans",
        PostalCode = "k1c2n3",
        Phone = "613-555-0199",
        Language = PreferredLanguage.French,
    };

    public static Patient Sample() => new(Guid.NewGuid(), Details(), Today);
}
