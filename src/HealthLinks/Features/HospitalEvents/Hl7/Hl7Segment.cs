namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>
/// One segment: its name, which of that name it is, and its fields as written. Values come back unescaped, with HL7's
/// numbering (field 1 first; in MSH, field 1 is the field separator itself), null when empty.
/// </summary>
public sealed class Hl7Segment
{
    private readonly string[] _fields;
    private readonly Hl7Delimiters _d;

    private Hl7Segment(string id, int ordinal, int offset, string[] fields, Hl7Delimiters d) => (Id, Ordinal, Offset, _fields, _d) = (id, ordinal, offset, fields, d);

    public string Id { get; }

    /// <summary>1 for the first segment of this name, 2 for the second...</summary>
    public int Ordinal { get; }

    /// <summary>Where the segment starts in the message text.</summary>
    public int Offset { get; }

    /// <summary>The number of the last field present.</summary>
    public int FieldCount => _fields.Length - 1;

    internal static Hl7Segment Read(string id, int ordinal, string line, int offset, Hl7Delimiters d)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (char.IsControl(line[i]) && line[i] != '\t')
            {
                throw new Hl7Exception(new(id, ordinal, FieldAt(line, i, d), Position: offset + i), Hl7ErrorCode.DataTypeError, $"control character 0x{(int)line[i]:X2} in the text");
            }
        }

        string[] fields;
        if (id == "MSH")
        {
            // MSH-1 is the separator and MSH-2 the encoding characters, which are not escaped.
            var rest = line.Length > 3 ? line[4..].Split(d.Field) : [];
            fields = ["MSH", d.Field.ToString(), .. rest];
        }
        else
        {
            fields = line.Split(d.Field);
        }

        var start = 0;
        for (var f = 0; f < fields.Length; f++)
        {
            // In MSH, field 1 is the separator at index 3 and field 2 follows it; elsewhere each field follows a separator.
            start = id == "MSH" && f is 1 or 2 ? f + 2 : f == 0 ? 0 : start + fields[f - 1].Length + 1;
            if (!(id == "MSH" && f <= 2))
            {
                CheckEscapes(fields[f], new(id, ordinal, f), offset + start, d);
            }
        }

        return new(id, ordinal, offset, fields, d);
    }

    /// <summary>The field as written (escaped, with its repetitions and components), or "" when absent.</summary>
    public string Raw(int field) => field >= 0 && field < _fields.Length ? _fields[field] : "";

    public int Repetitions(int field) => Raw(field) is { Length: > 0 } raw ? (Id == "MSH" && field <= 2 ? 1 : raw.AsSpan().Count(_d.Repetition) + 1) : 0;

    /// <summary>A component's text, unescaped and trimmed; with several subcomponents, the first unless <paramref name="subcomponent"/> says otherwise.</summary>
    public string? Value(int field, int component = 1, int subcomponent = 1, int repetition = 0)
    {
        var raw = Raw(field);
        if (raw.Length == 0)
        {
            return null;
        }

        if (Id == "MSH" && field <= 2)
        {
            return raw;
        }

        var part = Nth(raw, _d.Repetition, repetition);
        part = Nth(part, _d.Component, component - 1);
        part = Nth(part, _d.Subcomponent, subcomponent - 1);
        var text = Hl7Text.Unescape(part, _d).Trim();
        return text.Length == 0 || text == "\"\"" ? null : text;
    }

    /// <summary>All subcomponents of a component joined by a space ("1000&amp;Hospital Lane" is "1000 Hospital Lane").</summary>
    public string? Whole(int field, int component = 1, int repetition = 0)
    {
        var raw = Nth(Nth(Raw(field), _d.Repetition, repetition), _d.Component, component - 1);
        var parts = raw.Split(_d.Subcomponent).Select(p => Hl7Text.Unescape(p, _d).Trim()).Where(p => p.Length > 0);
        var text = string.Join(' ', parts);
        return text.Length == 0 ? null : text;
    }

    public Hl7Location At(int field, int component = 0, int repetition = 0) => new(Id, Ordinal, field, repetition, component);

    private static string Nth(string text, char separator, int n)
    {
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            var next = text.IndexOf(separator, start);
            if (next < 0)
            {
                return "";
            }

            start = next + 1;
        }

        var end = text.IndexOf(separator, start);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static int FieldAt(string line, int index, Hl7Delimiters d) => line.AsSpan(0, index).Count(d.Field) + (line.StartsWith("MSH", StringComparison.Ordinal) ? 1 : 0);

    private static void CheckEscapes(string field, Hl7Location at, int offset, Hl7Delimiters d)
    {
        var i = field.IndexOf(d.Escape);
        while (i >= 0)
        {
            var end = field.IndexOf(d.Escape, i + 1);
            if (end < 0)
            {
                throw new Hl7Exception(at with { Position = offset + i }, Hl7ErrorCode.DataTypeError, $"an escape sequence is not closed by '{d.Escape}'");
            }

            if (!Hl7Text.IsKnownEscape(field.AsSpan(i + 1, end - i - 1)))
            {
                throw new Hl7Exception(at with { Position = offset + i }, Hl7ErrorCode.DataTypeError, $"'{Hl7Delimiters.Printable(d.Escape)}{Clip(field[(i + 1)..end])}{Hl7Delimiters.Printable(d.Escape)}' is not an HL7 escape sequence");
            }

            i = field.IndexOf(d.Escape, end + 1);
        }
    }

    private static string Clip(string s) => s.Length <= 12 ? s : s[..12] + "…";
}
