using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

namespace HealthLinks.Features.Privacy;

/// <summary>
/// Removes what a consent directive withholds, before anything is rendered, so the page, print view, PDF and export
/// all leave out the same parts. Mental health and addictions are the ICD-10 F chapter, the mental-illness and
/// substance-use groups' SNOMED CT codes, and the substance-use situation.
/// </summary>
public static class Withholding
{
    private static readonly string[] MentalHealthGroups = ["mood-anxiety", "other-mental-illness", "substance-use"];

    private static readonly HashSet<string> MentalHealthSnomed =
        ChronicConditions.Default.Where(g => MentalHealthGroups.Contains(g.Key)).SelectMany(g => g.SnomedCt).ToHashSet(StringComparer.Ordinal);

    public static bool IsMentalHealth(CodeSystem system, string code) => system switch
    {
        CodeSystem.SnomedCt => MentalHealthSnomed.Contains(code),
        _ => code.StartsWith('F') || code.StartsWith('f'),
    };

    public static CarePlanDocument Apply(CarePlanDocument document, WithheldParts withheld)
    {
        if (withheld == WithheldParts.None)
        {
            return document;
        }

        if (withheld.HasFlag(WithheldParts.WholeRecord))
        {
            return new CarePlanDocument();
        }

        var copy = document with
        {
            HealthIssues = [.. document.HealthIssues],
            Medications = [.. document.Medications],
            MedicationReviews = [.. document.MedicationReviews],
            Situation = [.. document.Situation],
        };
        if (withheld.HasFlag(WithheldParts.MentalHealthAndAddictions))
        {
            copy.HealthIssues.RemoveAll(i => IsMentalHealth(i.System, i.Code));
            copy.Situation.RemoveAll(s => s.Area == SituationArea.SubstanceUse);
        }

        if (withheld.HasFlag(WithheldParts.Medications))
        {
            copy.Medications.Clear();
            copy.MedicationReviews.Clear();
        }

        if (withheld.HasFlag(WithheldParts.SituationAndLifestyle))
        {
            copy.Situation.Clear();
        }

        return copy;
    }

    public static IReadOnlyList<Condition> Apply(IReadOnlyList<Condition> conditions, WithheldParts withheld) =>
        withheld.HasFlag(WithheldParts.WholeRecord) ? []
        : withheld.HasFlag(WithheldParts.MentalHealthAndAddictions) ? conditions.Where(c => !IsMentalHealth(c.System, c.Code)).ToList()
        : conditions;
}
