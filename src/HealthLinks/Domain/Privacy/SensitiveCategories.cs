namespace HealthLinks.Domain.Privacy;

/// <summary>
/// Which category of a consent directive each item of a plan falls in. Mental health and addictions are the ICD-10 F
/// chapter and the SNOMED CT codes of the mental-illness and substance-use condition groups; an item linked to such a
/// health issue falls in it too, as does an action under a goal that does, whatever the coordinator marked.
/// </summary>
public static class SensitiveCategories
{
    private static readonly string[] MentalHealthGroups = ["mood-anxiety", "other-mental-illness", "substance-use"];

    private static readonly HashSet<string> MentalHealthSnomed =
        ChronicConditions.Default.Where(g => MentalHealthGroups.Contains(g.Key)).SelectMany(g => g.SnomedCt).ToHashSet(StringComparer.Ordinal);

    public static bool IsMentalHealth(CodeSystem system, string code) => system switch
    {
        CodeSystem.SnomedCt => MentalHealthSnomed.Contains(code),
        _ => code.StartsWith('F') || code.StartsWith('f'),
    };

    public static WithheldParts Of(HealthIssue issue) => IsMentalHealth(issue.System, issue.Code) ? WithheldParts.MentalHealthAndAddictions : WithheldParts.None;

    public static WithheldParts Of(CarePlanDocument document, Guid? healthIssueId, WithheldParts marked) =>
        marked | (healthIssueId is { } id && document.HealthIssues.FirstOrDefault(i => i.Id == id) is { } issue ? Of(issue) : WithheldParts.None);

    public static WithheldParts Of(CarePlanDocument document, Goal goal) => Of(document, goal.HealthIssueId, goal.WithheldAs);

    public static WithheldParts Of(CarePlanDocument document, Goal goal, PlanAction action) => Of(document, goal) | action.WithheldAs;

    public static WithheldParts Of(CarePlanDocument document, Medication medication) => Of(document, medication.HealthIssueId, medication.WithheldAs);
}
