using System.Text.Json.Nodes;

using HealthLinks.Domain;

namespace HealthLinks.Features.CarePlans;

/// <summary>A changed item read field by field, so people see "status: Accepted → Done" rather than two blobs.</summary>
public static class ChangedFields
{
    public sealed record Field(string Name, string? Before, string? After)
    {
        public bool Changed => Before != After;
    }

    public static IReadOnlyList<Field> Of(PlanChange change)
    {
        var before = Flatten(change.Before);
        var after = Flatten(change.After);
        return before.Keys.Union(after.Keys)
            .Where(name => name != "id" && !name.EndsWith(".id", StringComparison.Ordinal))
            .Select(name => new Field(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))
            .ToList();
    }

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
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", fields);
                }

                break;
            default:
                fields[path] = node?.ToString();
                break;
        }
    }
}
