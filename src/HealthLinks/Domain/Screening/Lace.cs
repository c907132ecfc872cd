namespace HealthLinks.Domain;

/// <summary>
/// The LACE index (van Walraven et al., Ontario) of 30-day death or readmission after a discharge: Length of stay,
/// Acuity (admitted through the ED), Comorbidity (Charlson index from the condition groups), ED visits in the 6 months
/// before the admission. Each component's points are kept so the product can show them; 10 or more is high risk.
/// </summary>
public sealed record Lace(int LengthOfStay, int Acuity, int Comorbidity, int EdVisits)
{
    public const int HighRisk = 10;

    /// <summary>Charlson weights of the condition groups that carry one (chronic pulmonary disease includes asthma).</summary>
    private static readonly Dictionary<string, int> Charlson = new()
    {
        ["ami"] = 1,
        ["heart-failure"] = 1,
        ["stroke"] = 1,
        ["dementia"] = 1,
        ["copd"] = 1,
        ["asthma"] = 1,
        ["rheumatoid-arthritis"] = 1,
        ["diabetes"] = 1,
        ["renal-failure"] = 2,
        ["cancer"] = 2,
    };

    public int Total => LengthOfStay + Acuity + Comorbidity + EdVisits;

    public static Lace Of(int daysInHospital, bool admittedThroughEd, IEnumerable<string> conditionGroups, int edVisitsInSixMonths)
    {
        var length = daysInHospital switch
        {
            < 1 => 0,
            <= 3 => daysInHospital,
            <= 6 => 4,
            <= 13 => 5,
            _ => 7,
        };
        var charlson = conditionGroups.Distinct().Sum(g => Charlson.GetValueOrDefault(g));
        return new Lace(length, admittedThroughEd ? 3 : 0, charlson >= 4 ? 5 : charlson, Math.Min(edVisitsInSixMonths, 4));
    }
}
