using System.Text.Json;

namespace HealthLinks.Domain;

/// <summary>
/// Re-applies one editor's changes (from the version they opened to their draft) onto the latest saved version, item by
/// item, so nothing someone else saved meanwhile is lost. Where both changed the same item, the editor's version wins:
/// they have just been shown what the others changed. A goal is one item, with its actions.
/// </summary>
public static class PlanMerge
{
    public static CarePlanDocument Reapply(CarePlanDocument opened, CarePlanDocument mine, CarePlanDocument latest) => new()
    {
        HealthIssues = Items(opened.HealthIssues, mine.HealthIssues, latest.HealthIssues, i => i.Id),
        Allergies = Items(opened.Allergies, mine.Allergies, latest.Allergies, a => a.Id),
        Medications = Items(opened.Medications, mine.Medications, latest.Medications, m => m.Id),
        MedicationReviews = Items(opened.MedicationReviews, mine.MedicationReviews, latest.MedicationReviews, r => r.Id),
        Goals = Items(opened.Goals, mine.Goals, latest.Goals, g => g.Id),
        Situation = Items(opened.Situation, mine.Situation, latest.Situation, s => s.Area),
        Assessments = Items(opened.Assessments, mine.Assessments, latest.Assessments, a => a.Id),
        LastHospitalVisit = Same(opened.LastHospitalVisit, mine.LastHospitalVisit) ? latest.LastHospitalVisit : mine.LastHospitalVisit,
        OtherTreatments = Items(opened.OtherTreatments, mine.OtherTreatments, latest.OtherTreatments, t => t.Id),
        Supports = Items(opened.Supports, mine.Supports, latest.Supports, s => s.Id),
        Appointments = Items(opened.Appointments, mine.Appointments, latest.Appointments, a => a.Id),
    };

    private static List<T> Items<T, TKey>(List<T> opened, List<T> mine, List<T> latest, Func<T, TKey> key)
        where TKey : notnull
    {
        var before = opened.ToDictionary(key);
        var mineByKey = mine.ToDictionary(key);
        var removedByMe = before.Keys.Where(k => !mineByKey.ContainsKey(k)).ToHashSet();
        var changedByMe = mine.Where(m => !before.TryGetValue(key(m), out var was) || !Same(was, m)).ToDictionary(key);

        var result = latest.Where(item => !removedByMe.Contains(key(item)))
            .Select(item => changedByMe.Remove(key(item), out var replacement) ? replacement : item)
            .ToList();
        result.AddRange(changedByMe.Values);
        return result;
    }

    private static bool Same<T>(T a, T b) => JsonSerializer.Serialize(a, CarePlan.Json) == JsonSerializer.Serialize(b, CarePlan.Json);
}
