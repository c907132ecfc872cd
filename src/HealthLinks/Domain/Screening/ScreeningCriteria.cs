namespace HealthLinks.Domain;

public static class ScreeningCriterion
{
    public const string ChronicConditions = "chronic-conditions";
    public const string FrailElderly = "frail-elderly";
    public const string Utilization = "utilization";
    public const string SocialComplexity = "social-complexity";
    public const string ManyProviders = "many-providers";
}

/// <summary>
/// One Health Link's screening rules; the defaults are the provincial criteria of DOMAIN.md. Utilization is counted in
/// the 12 months before the as-of date, excluding infants and pregnancy-related encounters.
/// </summary>
public sealed record ScreeningCriteria
{
    public int MinChronicConditions { get; set; } = 4;

    public int FrailAge { get; set; } = 65;

    /// <summary>At least this many ED visits together with at least <see cref="AdmissionsWithEdVisits"/> admissions...</summary>
    public int EdVisitsWithAdmissions { get; set; } = 4;

    public int AdmissionsWithEdVisits { get; set; } = 3;

    /// <summary>...or at least this many ED visits alone.</summary>
    public int EdVisitsAlone { get; set; } = 5;

    /// <summary>Distinct providers and places of care (hospitals, clinics, pharmacies) seen in the 12 months.</summary>
    public int ManyProviders { get; set; } = 8;

    public bool UseSocialComplexity { get; set; } = true;

    /// <summary>Words that mark an encounter as pregnancy-related, which utilization does not count.</summary>
    public List<string> PregnancyWords { get; set; } = ["pregnan", "prenatal", "obstetric", "childbirth", "delivery", "miscarriage"];

    public static ScreeningCriteria Provincial => new();

    public void Check()
    {
        var v = new Violations();
        Range(v, nameof(MinChronicConditions), MinChronicConditions, 1, 19);
        Range(v, nameof(FrailAge), FrailAge, 50, 100);
        Range(v, nameof(EdVisitsWithAdmissions), EdVisitsWithAdmissions, 1, 100);
        Range(v, nameof(AdmissionsWithEdVisits), AdmissionsWithEdVisits, 1, 100);
        Range(v, nameof(EdVisitsAlone), EdVisitsAlone, 1, 100);
        Range(v, nameof(ManyProviders), ManyProviders, 2, 200);
        if (EdVisitsAlone <= EdVisitsWithAdmissions)
        {
            v.Add(nameof(EdVisitsAlone), Rules.OutOfRange, "ED visits alone must be more than ED visits together with admissions");
        }

        v.ThrowIfAny();
    }

    /// <summary>The utilization rule: at least 4 ED visits and 3 admissions, or at least 5 ED visits (by default).</summary>
    public bool MeetsUtilization(int edVisits, int admissions) =>
        (edVisits >= EdVisitsWithAdmissions && admissions >= AdmissionsWithEdVisits) || edVisits >= EdVisitsAlone;

    public bool IsPregnancyRelated(string? reason) =>
        reason is not null && PregnancyWords.Any(w => reason.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static void Range(Violations v, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            v.Add(field, Rules.OutOfRange, $"must be between {min} and {max}");
        }
    }
}
