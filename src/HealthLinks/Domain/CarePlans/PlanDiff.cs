using System.Text.Json;

namespace HealthLinks.Domain;

public enum PlanSection
{
    HealthIssues,
    Allergies,
    Medications,
    MedicationReviews,
    Goals,
    Actions,
    Situation,
    Assessments,
    HospitalVisit,
    OtherTreatments,
    Supports,
    Appointments,
}

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions of a plan: which section, which item (by its own words), and the item before and after.</summary>
public sealed record PlanChange(PlanSection Section, ChangeKind Kind, string Item, string? Before, string? After);

/// <summary>Compares two plan documents item by item; items are matched by their id (situation by area), so a reworded goal is "changed", not "removed and added".</summary>
public static class PlanDiff
{
    public static IReadOnlyList<PlanChange> Between(CarePlanDocument before, CarePlanDocument after)
    {
        var changes = new List<PlanChange>();
        Compare(changes, PlanSection.HealthIssues, before.HealthIssues, after.HealthIssues, i => i.Id, i => i.InMyWords);
        Compare(changes, PlanSection.Allergies, before.Allergies, after.Allergies, a => a.Id, a => a.Substance);
        Compare(changes, PlanSection.Medications, before.Medications, after.Medications, m => m.Id, m => m.Name);
        Compare(changes, PlanSection.MedicationReviews, before.MedicationReviews, after.MedicationReviews, r => r.Id, r => $"{r.ReviewedOn:yyyy-MM-dd} {r.ReviewedBy}");
        Compare(changes, PlanSection.Goals, before.Goals.Select(g => g with { Actions = [] }), after.Goals.Select(g => g with { Actions = [] }), g => g.Id, g => g.InMyWords);
        Compare(changes, PlanSection.Actions, Actions(before), Actions(after), a => a.Action.Id, a => $"{a.Goal} › {a.Action.What}");
        Compare(changes, PlanSection.Situation, before.Situation, after.Situation, s => s.Area, s => s.Area.ToString());
        Compare(changes, PlanSection.Assessments, before.Assessments, after.Assessments, a => a.Id, a => a.Type);
        Compare(changes, PlanSection.HospitalVisit, Single(before.LastHospitalVisit), Single(after.LastHospitalVisit), _ => 0, v => v.Where);
        Compare(changes, PlanSection.OtherTreatments, before.OtherTreatments, after.OtherTreatments, t => t.Id, t => t.Name);
        Compare(changes, PlanSection.Supports, before.Supports, after.Supports, s => s.Id, s => s.Service);
        Compare(changes, PlanSection.Appointments, before.Appointments, after.Appointments, a => a.Id, a => a.With);
        return changes;
    }

    public static string Summary(IEnumerable<PlanChange> changes) =>
        string.Join("; ", changes.GroupBy(c => c.Section).Select(section =>
            $"{section.Key}: " + string.Join(", ", section.GroupBy(c => c.Kind).Select(kind => $"{kind.Count()} {kind.Key.ToString().ToLowerInvariant()}"))));

    private static IEnumerable<GoalAction> Actions(CarePlanDocument d) =>
        d.Goals.SelectMany(g => g.Actions.Select(a => new GoalAction(g.InMyWords, a)));

    private static IEnumerable<T> Single<T>(T? item)
        where T : class => item is null ? [] : [item];

    private static void Compare<T, TKey>(List<PlanChange> changes, PlanSection section, IEnumerable<T> before, IEnumerable<T> after, Func<T, TKey> key, Func<T, string> label)
        where TKey : notnull
    {
        var old = before.ToDictionary(key);
        var now = after.ToDictionary(key);
        foreach (var (k, item) in old)
        {
            if (!now.TryGetValue(k, out var current))
            {
                changes.Add(new PlanChange(section, ChangeKind.Removed, label(item), Text(item), null));
            }
            else if (Text(item) != Text(current))
            {
                changes.Add(new PlanChange(section, ChangeKind.Changed, label(current), Text(item), Text(current)));
            }
        }

        changes.AddRange(now.Where(kv => !old.ContainsKey(kv.Key)).Select(kv => new PlanChange(section, ChangeKind.Added, label(kv.Value), null, Text(kv.Value))));
    }

    private static string Text<T>(T item) => JsonSerializer.Serialize(item, CarePlan.Json);

    // A record, not a tuple: the serializer that compares items reads properties, not fields. The goal is only its label.
    private sealed record GoalAction([property: System.Text.Json.Serialization.JsonIgnore] string Goal, PlanAction Action);
}
