using System.Text;

using Hl7.Fhir.Serialization;

using R4 = Hl7.Fhir.Model;

namespace HealthLinks.Fhir;

/// <summary>A FHIR file read and parsed with Firely: the resources we import, those we do not, and the entries refused, by number.</summary>
internal static class FhirResources
{
    /// <summary>The resource types imported, in the order that lets each refer to the ones before.</summary>
    public static readonly string[] Supported = ["Organization", "Practitioner", "Patient", "Encounter", "Condition", "Claim", "ExplanationOfBenefit", "MedicationRequest"];

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public sealed record File(
        List<(int Number, string? FullUrl, R4.Resource Resource)> Resources,
        List<Features.Import.ImportFhir.Rejection> Rejected,
        Dictionary<string, int> Ignored,
        string? BundleType);

    /// <summary>Throws <see cref="NotFhirException"/> when the file is refused whole.</summary>
    public static File Read(string path, string name)
    {
        var reader = new FhirFileReader();
        var file = new File([], [], [], null);
        foreach (var entry in reader.Read(path))
        {
            if (Parse(entry) is { } resource)
            {
                file.Resources.Add((entry.Number, entry.FullUrl, resource));
            }
            else if (entry.Error is null && entry.ResourceType is { } type && !Supported.Contains(type))
            {
                file.Ignored[type] = file.Ignored.GetValueOrDefault(type) + 1;
            }
            else
            {
                file.Rejected.Add(new(name, entry.Number, entry.Error ?? ParseError(entry)));
            }
        }

        return file with { BundleType = reader.BundleType };
    }

    private static R4.Resource? Parse(FhirEntry entry)
    {
        if (entry.Resource is not { } json || entry.ResourceType is not { } type || !Supported.Contains(type))
        {
            return null;
        }

        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json.GetRawText()));
        return Deserializer.TryDeserializeResource(ref reader, out var resource, out _) ? resource : null;
    }

    private static string ParseError(FhirEntry entry)
    {
        if (entry.ResourceType is null)
        {
            return "the entry has no resourceType";
        }

        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(entry.Resource!.Value.GetRawText()));
        Deserializer.TryDeserializeResource(ref reader, out _, out var issues);
        return $"not a valid {entry.ResourceType}: " + string.Join("; ", issues.Take(3).Select(i => i.Message));
    }
}
