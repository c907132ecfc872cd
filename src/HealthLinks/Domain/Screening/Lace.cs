namespace HealthLinks.Domain;

/// <summary>
/// The LACE index (van Walraven et al., Ontario) of 30-day death or readmission after a discharge: Length of stay,
/// Acuity (admitted through the ED), Comorbidity (the tool's own weights, <see cref="LaceComorbidities"/>; 4 or more scores 5), ED visits in the 6 months
/// before the admission. Each component's points are kept so the product can show them; 10 or more is high risk.
/// </summary>
public sealed record Lace(int LengthOfStay, int Acuity, int Comorbidity, int EdVisits)
{
    public const int HighRisk = 10;

    public int Total => LengthOfStay + Acuity + Comorbidity + EdVisits;

    public static Lace Of(int daysInHospital, bool admittedThroughEd, IEnumerable<LaceComorbidity> comorbidities, int edVisitsInSixMonths)
    {
        var length = daysInHospital switch
        {
            < 1 => 0,
            <= 3 => daysInHospital,
            <= 6 => 4,
            <= 13 => 5,
            _ => 7,
        };
        var charlson = LaceComorbidities.Score(comorbidities);
        return new Lace(length, admittedThroughEd ? 3 : 0, charlson >= 4 ? 5 : charlson, Math.Min(edVisitsInSixMonths, 4));
    }
}
