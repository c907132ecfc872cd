namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>Where in a message something is wrong, as an HL7 ERR segment locates it: segment, its ordinal, field, repetition, component.</summary>
public sealed record Hl7Location(string Segment, int Ordinal, int Field = 0, int Repetition = 0, int Component = 0, int Position = -1)
{
    public override string ToString()
    {
        var at = Field > 0 ? $"{Segment}-{Field}" : Segment;
        if (Component > 0)
        {
            at += $".{Component}";
        }

        var where = Ordinal > 1 ? $"{at} (segment {Segment} #{Ordinal})" : at;
        return Position >= 0 ? $"{where}, character {Position + 1}" : where;
    }
}

/// <summary>HL7 table 0357's codes for what went wrong.</summary>
public enum Hl7ErrorCode
{
    SegmentSequenceError = 100,
    RequiredFieldMissing = 101,
    DataTypeError = 102,
    TableValueNotFound = 103,
    UnsupportedMessageType = 200,
    UnsupportedEventCode = 201,
    UnsupportedProcessingId = 202,
    UnsupportedVersionId = 203,
    UnknownKeyIdentifier = 204,
    DuplicateKeyIdentifier = 205,
    ApplicationInternalError = 207,
}

/// <summary>A message that cannot be read or used as it stands, with where and why; the listener answers it with an ERR segment.</summary>
public sealed class Hl7Exception(Hl7Location location, Hl7ErrorCode code, string reason)
    : Exception($"{location}: {reason}")
{
    public Hl7Location Location { get; } = location;

    public Hl7ErrorCode Code { get; } = code;

    public string Reason { get; } = reason;
}
