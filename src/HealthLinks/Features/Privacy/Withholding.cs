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
    public static bool IsMentalHealth(CodeSystem system, string code) => SensitiveCategories.IsMentalHealth(system, code);

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

        bool Shown(WithheldParts category) => (category & withheld) == 0;
        var copy = document with
        {
            HealthIssues = [.. document.HealthIssues.Where(i => Shown(SensitiveCategories.Of(i)))],
            Medications = withheld.HasFlag(WithheldParts.Medications) ? [] : [.. document.Medications.Where(m => Shown(SensitiveCategories.Of(document, m)))],
            MedicationReviews = withheld.HasFlag(WithheldParts.Medications) ? [] : [.. document.MedicationReviews],
            Goals = [.. document.Goals.Where(g => Shown(SensitiveCategories.Of(document, g)))
                .Select(g => g with { Actions = [.. g.Actions.Where(a => Shown(SensitiveCategories.Of(document, g, a)))] })],
            Assessments = [.. document.Assessments.Where(a => Shown(a.WithheldAs))],
            OtherTreatments = [.. document.OtherTreatments.Where(t => Shown(t.WithheldAs))],
            Supports = [.. document.Supports.Where(t => Shown(t.WithheldAs))],
            Situation = withheld.HasFlag(WithheldParts.SituationAndLifestyle) ? []
                : [.. document.Situation.Where(x => !(withheld.HasFlag(WithheldParts.MentalHealthAndAddictions) && x.Area == SituationArea.SubstanceUse))],
        };
        if (withheld.HasFlag(WithheldParts.MentalHealthAndAddictions) && document.LastHospitalVisit is { } visit)
        {
            // The reason for a stay is free text that may name what is withheld.
            copy.LastHospitalVisit = visit with { Why = null };
        }

        return copy;
    }

    public static IReadOnlyList<Condition> Apply(IReadOnlyList<Condition> conditions, WithheldParts withheld) =>
        withheld.HasFlag(WithheldParts.WholeRecord) ? []
        : withheld.HasFlag(WithheldParts.MentalHealthAndAddictions) ? conditions.Where(c => !IsMentalHealth(c.System, c.Code)).ToList()
        : conditions;
}
