namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>The separators a message declares in MSH-1 and MSH-2; a fifth, the truncation character, came with version 2.7.</summary>
public sealed record Hl7Delimiters(char Field, char Component, char Repetition, char Escape, char Subcomponent, char? Truncation)
{
    public static Hl7Delimiters Standard { get; } = new('|', '^', '~', '\\', '&', null);

    /// <summary>MSH-2 as it is written back in a reply.</summary>
    public string EncodingCharacters => $"{Component}{Repetition}{Escape}{Subcomponent}{Truncation}";

    /// <summary>Reads MSH-1 and MSH-2 from the start of the header; throws naming MSH-1 or MSH-2 when they are unusable.</summary>
    public static Hl7Delimiters Read(ReadOnlySpan<char> header)
    {
        if (header.Length < 8 || !header.StartsWith("MSH"))
        {
            throw new Hl7Exception(new("MSH", 1, 1, Position: 0), Hl7ErrorCode.SegmentSequenceError, "the message does not start with an MSH segment and its delimiters");
        }

        var field = header[3];
        var end = header[4..].IndexOf(field);
        if (end < 0)
        {
            throw new Hl7Exception(new("MSH", 1, 2, Position: 4), Hl7ErrorCode.DataTypeError, "MSH-2 (encoding characters) is not ended by the field separator");
        }

        var encoding = header.Slice(4, end);
        if (encoding.Length is < 4 or > 5)
        {
            throw new Hl7Exception(new("MSH", 1, 2, Position: 4), Hl7ErrorCode.DataTypeError, $"MSH-2 (encoding characters) has {encoding.Length} characters; 4 or 5 are expected");
        }

        Span<char> all = stackalloc char[6];
        all[0] = field;
        encoding.CopyTo(all[1..]);
        var used = all[..(encoding.Length + 1)];
        for (var i = 0; i < used.Length; i++)
        {
            var c = used[i];
            if (char.IsAsciiLetterOrDigit(c) || char.IsControl(c) || c == ' ' || used[(i + 1)..].Contains(c))
            {
                throw new Hl7Exception(new("MSH", 1, i == 0 ? 1 : 2, Position: 3 + i), Hl7ErrorCode.DataTypeError,
                    $"the delimiter '{Printable(c)}' cannot be used: delimiters are distinct punctuation characters");
            }
        }

        return new(field, encoding[0], encoding[1], encoding[2], encoding[3], encoding.Length == 5 ? encoding[4] : null);
    }

    internal static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"0x{(int)c:X2}" : c.ToString();
}
