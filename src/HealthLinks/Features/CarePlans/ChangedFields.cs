using System.Globalization;
using System.Text.Json.Nodes;

using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.CarePlans;

/// <summary>
/// A changed item read field by field as a person reads it: "Status: Accepted → Done" with the field's name, the
/// value's label, a member's name and a date in the reader's language, not a JSON path, an enum name or an id.
/// </summary>
public static class ChangedFields
{
    public sealed record Field(string Name, string? Before, string? After)
    {
        public bool Changed => Before != After;
    }

    /// <summary>What a reader needs besides the words: the names of the team members and health issues that items point to.</summary>
    public sealed record Reader(IStringLocalizer<Strings> L, IReadOnlyDictionary<Guid, string> Members, IReadOnlyDictionary<Guid, string> HealthIssues);

    /// <summary>Fields that say nothing to a reader: ids, and the action's id list of its goal.</summary>
    private static readonly HashSet<string> Hidden = ["id", "isOpen"];

    public static IReadOnlyList<Field> Of(PlanChange change, Reader reader)
    {
        var before = Flatten(change.Before);
        var after = Flatten(change.After);
        return before.Keys.Union(after.Keys)
            .Where(path => !Hidden.Contains(Last(path)))
            .Select(path => new Field(Label(path, reader.L), Value(change.Section, path, before.GetValueOrDefault(path), reader), Value(change.Section, path, after.GetValueOrDefault(path), reader)))
            .Where(f => f.Before is not null || f.After is not null)
            .ToList();
    }

    /// <summary>The item's name as listed: a situation is named by its area.</summary>
    public static string Item(PlanChange change, IStringLocalizer<Strings> l) =>
        change.Section == PlanSection.Situation && Enum.TryParse<SituationArea>(change.Item, out var area) ? l.Enum(area) : change.Item;

    /// <summary>A version's stored summary ("Goals: 1 added, 2 changed; Actions: 1 added") in the reader's words.</summary>
    public static string Summary(string stored, IStringLocalizer<Strings> l) =>
        string.Join("; ", stored.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0 || !Enum.TryParse<PlanSection>(part[..colon], out var section))
            {
                return part;
            }

            var counts = part[(colon + 2)..].Split(", ").Select(c => c.Split(' ') is [var n, var kind] && Enum.TryParse<ChangeKind>(kind, true, out var k) ? $"{n} {l.Enum(k)}" : c);
            return $"{l.Enum(section)}{Languages.Colon} {string.Join(", ", counts)}";
        }));

    private static string Label(string path, IStringLocalizer<Strings> l)
    {
        var key = char.ToUpperInvariant(Last(path)[0]) + Last(path)[1..];
        var text = l[InReferral(path) ? $"PlanField_Referral{key}" : $"PlanField_{key}"];
        return text.ResourceNotFound ? l[$"PlanField_{key}"] : text;
    }

    private static string? Value(PlanSection section, string path, string? raw, Reader reader)
    {
        if (raw is null)
        {
            return null;
        }

        var l = reader.L;
        return Last(path) switch
        {
            "responsibleMemberId" => Guid.TryParse(raw, out var m) ? reader.Members.GetValueOrDefault(m) ?? l["Plan_FormerMember"] : raw,
            "healthIssueId" => Guid.TryParse(raw, out var i) ? reader.HealthIssues.GetValueOrDefault(i) ?? "—" : raw,
            "withheldAs" when raw == nameof(Domain.Privacy.WithheldParts.None) => null,
            "when" when DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => Languages.WallClock(at),
            _ when raw is "true" or "false" => l[raw == "true" ? "Common_Yes" : "Common_No"],
            _ when DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => Languages.Date(d),
            _ when EnumType(section, path) is { } type => Enum.TryParse(type, raw, out var value) && l[$"{type.Name}_{value}"] is { ResourceNotFound: false } text ? text : raw,
            _ => raw,
        };
    }

    private static Type? EnumType(PlanSection section, string path) => Last(path) switch
    {
        "status" when InReferral(path) => typeof(ServiceReferralStatus),
        "status" when section == PlanSection.Appointments => typeof(AppointmentStatus),
        "status" => typeof(ActionStatus),
        "lifecycle" => typeof(GoalLifecycle),
        "priority" => typeof(GoalPriority),
        "achievement" => typeof(GoalAchievement),
        "area" => typeof(SituationArea),
        "rating" => typeof(SituationRating),
        "severity" => typeof(AllergySeverity),
        "decision" => typeof(MedicationDecisionKind),
        "system" => typeof(CodeSystem),
        "withheldAs" => typeof(Domain.Privacy.WithheldParts),
        _ => null,
    };

    private static bool InReferral(string path) => path.Contains("referral.", StringComparison.Ordinal);

    /// <summary>The field's own name: "action.referral.status" is "status", "sourcesConsidered" stays one field.</summary>
    private static string Last(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static Dictionary<string, string?> Flatten(string? json)
    {
        var fields = new Dictionary<string, string?>();
        if (json is not null)
        {
            Walk(JsonNode.Parse(json), "", fields);
        }

        return fields;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string?> fields)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", fields);
                }

                break;
            case JsonArray a when a.All(v => v is JsonValue):
                // A list of words (sources considered) reads as one field.
                fields[path] = a.Count == 0 ? null : string.Join(", ", a.Select(v => v!.ToString()));
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}.{i + 1}", fields);
                }

                break;
            default:
                fields[path] = node?.ToString();
                break;
        }
    }
}
