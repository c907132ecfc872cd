using System.Globalization;

using HealthLinks.Domain;

namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>HL7's DTM: YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]. Without an offset the time is Ontario's, as the sending hospital's.</summary>
public static class Hl7Time
{
    /// <summary>The instant in UTC, or null when the field is empty; throws naming the field when it is not a DTM.</summary>
    public static DateTime? Instant(Hl7Segment segment, int field, int component = 1)
    {
        if (segment.Value(field, component) is not { } text)
        {
            return null;
        }

        var (local, offset) = Read(text) ?? throw new Hl7Exception(segment.At(field, component), Hl7ErrorCode.DataTypeError, $"'{Clip(text)}' is not an HL7 date and time (YYYYMMDDHHMM[SS][+ZZZZ])");
        return offset is { } o ? DateTime.SpecifyKind(local - o, DateTimeKind.Utc) : OntarioTime.ToUtc(OntarioTime.Zone.IsInvalidTime(local) ? local.AddHours(1) : local);
    }

    /// <summary>The calendar day written (a birth date), whatever time or offset follows it.</summary>
    public static DateOnly? Day(Hl7Segment segment, int field, int component = 1)
    {
        if (segment.Value(field, component) is not { } text)
        {
            return null;
        }

        return Read(text) is { } read && text.Length >= 8
            ? DateOnly.FromDateTime(read.Local)
            : throw new Hl7Exception(segment.At(field, component), Hl7ErrorCode.DataTypeError, $"'{Clip(text)}' is not an HL7 date (YYYYMMDD)");
    }

    internal static (DateTime Local, TimeSpan? Offset)? Read(string text)
    {
        var sign = text.IndexOfAny(['+', '-']);
        var main = sign < 0 ? text : text[..sign];
        TimeSpan? offset = null;
        if (sign >= 0)
        {
            var zone = text[(sign + 1)..];
            if (zone.Length != 4 || !zone.All(char.IsAsciiDigit) || int.Parse(zone[..2], CultureInfo.InvariantCulture) > 14 || int.Parse(zone[2..], CultureInfo.InvariantCulture) > 59)
            {
                return null;
            }

            var span = new TimeSpan(int.Parse(zone[..2], CultureInfo.InvariantCulture), int.Parse(zone[2..], CultureInfo.InvariantCulture), 0);
            offset = text[sign] == '-' ? -span : span;
        }

        var dot = main.IndexOf('.');
        var fraction = dot < 0 ? "" : main[(dot + 1)..];
        var digits = dot < 0 ? main : main[..dot];
        if (digits.Length is not (4 or 6 or 8 or 10 or 12 or 14) || !digits.All(char.IsAsciiDigit) || (dot >= 0 && (digits.Length != 14 || fraction.Length is < 1 or > 4 || !fraction.All(char.IsAsciiDigit))))
        {
            return null;
        }

        var padded = digits + "00000101000000"[digits.Length..];
        if (!DateTime.TryParseExact(padded, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        if (fraction.Length > 0)
        {
            local = local.AddTicks(long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture));
        }

        return (DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private static string Clip(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
