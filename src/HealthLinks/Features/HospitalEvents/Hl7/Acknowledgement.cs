using System.Globalization;
using System.Text;

namespace HealthLinks.Features.HospitalEvents.Hl7;

public enum AckCode
{
    /// <summary>Accepted: stored and applied.</summary>
    AA,

    /// <summary>Error: the content is wrong (a field missing or malformed); kept for review.</summary>
    AE,

    /// <summary>Rejected: not for us as sent (an unknown sender, an unsupported type or version, a reused control id); kept for review.</summary>
    AR,
}

/// <summary>The reply to a message: MSH, MSA and, for an error, one ERR segment saying where and why, in the message's own version.</summary>
public static class Acknowledgement
{
    public sealed record Problem(Hl7Location Location, Hl7ErrorCode Code, string Reason);

    /// <summary>The reply to the message whose header is given (null when even the header could not be read).</summary>
    public static string Build(Hl7Segment? header, AckCode code, string ackControlId, DateTime now, Problem? problem)
    {
        var d = Hl7Delimiters.Standard;
        string F(string? s) => Hl7Text.Escape(s ?? "", d);
        var version = header?.Value(12) ?? "2.5";
        var trigger = header?.Value(9, 2);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"MSH|^~\\&|HealthLinks|{F(header?.Value(6))}|{F(header?.Value(3))}|{F(header?.Value(4))}|{now:yyyyMMddHHmmss}+0000||ACK^{F(trigger)}^ACK|{F(ackControlId)}|{F(header?.Value(11) ?? "P")}|{F(version)}\r");
        sb.Append(CultureInfo.InvariantCulture, $"MSA|{code}|{F(header?.Value(10))}");
        if (problem is not null && VersionBefore25(version))
        {
            // Up to 2.4 MSA-3 carries the text and ERR-1 the location with the code.
            sb.Append(CultureInfo.InvariantCulture, $"|{F(Clip(problem.Reason, 80))}\r");
            var l = problem.Location;
            sb.Append(CultureInfo.InvariantCulture, $"ERR|{F(l.Segment)}^{l.Ordinal}^{Number(l.Field)}^{(int)problem.Code}&{Name(problem.Code)}&HL70357\r");
        }
        else if (problem is not null)
        {
            var l = problem.Location;
            sb.Append('\r');
            sb.Append(CultureInfo.InvariantCulture,
                $"ERR||{F(l.Segment)}^{l.Ordinal}^{Number(l.Field)}^{Number(l.Repetition + (l.Field > 0 ? 1 : 0))}^{Number(l.Component)}|{(int)problem.Code}^{Name(problem.Code)}^HL70357|E||||{F(Clip(problem.Reason, 250))}\r");
        }
        else
        {
            sb.Append('\r');
        }

        return sb.ToString();
    }

    private static bool VersionBefore25(string version) => version is "2.1" or "2.2" or "2.3" or "2.3.1" or "2.4";

    private static string Number(int n) => n > 0 ? n.ToString(CultureInfo.InvariantCulture) : "";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    public static string Name(Hl7ErrorCode code) => code switch
    {
        Hl7ErrorCode.SegmentSequenceError => "Segment sequence error",
        Hl7ErrorCode.RequiredFieldMissing => "Required field missing",
        Hl7ErrorCode.DataTypeError => "Data type error",
        Hl7ErrorCode.TableValueNotFound => "Table value not found",
        Hl7ErrorCode.UnsupportedMessageType => "Unsupported message type",
        Hl7ErrorCode.UnsupportedEventCode => "Unsupported event code",
        Hl7ErrorCode.UnsupportedProcessingId => "Unsupported processing id",
        Hl7ErrorCode.UnsupportedVersionId => "Unsupported version id",
        Hl7ErrorCode.UnknownKeyIdentifier => "Unknown key identifier",
        Hl7ErrorCode.DuplicateKeyIdentifier => "Duplicate key identifier",
        _ => "Application internal error",
    };
}
