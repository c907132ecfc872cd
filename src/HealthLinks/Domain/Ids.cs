using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthLinks.Domain;

[JsonConverter(typeof(PatientIdJson))]
public readonly record struct PatientId(Guid Value)
{
    public static PatientId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

[JsonConverter(typeof(ProviderIdJson))]
public readonly record struct ProviderId(Guid Value)
{
    public static ProviderId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>Ids travel in JSON as plain strings, as FHIR and every client expect.</summary>
internal sealed class PatientIdJson : JsonConverter<PatientId>
{
    public override PatientId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, PatientId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

internal sealed class ProviderIdJson : JsonConverter<ProviderId>
{
    public override ProviderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, ProviderId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
