namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>
/// An HL7 v2 message read strictly: segments split on CR, LF or CRLF, a leading byte-order mark dropped, the delimiters
/// those of its own MSH-1 and MSH-2, every escape sequence checked. Anything else is refused with where it is wrong;
/// nothing is guessed. Fields are split further only when asked for.
/// </summary>
public sealed class Hl7Message
{
    private Hl7Message(Hl7Delimiters delimiters, List<Hl7Segment> segments) => (Delimiters, Segments) = (delimiters, segments);

    public Hl7Delimiters Delimiters { get; }

    public IReadOnlyList<Hl7Segment> Segments { get; }

    public Hl7Segment Header => Segments[0];

    public Hl7Segment? First(string id) => Segments.FirstOrDefault(s => s.Id == id);

    public IEnumerable<Hl7Segment> All(string id) => Segments.Where(s => s.Id == id);

    public static Hl7Message Parse(string text)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var delimiters = Hl7Delimiters.Read(text.AsSpan(start));
        var segments = new List<Hl7Segment>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var at = start;
        while (at < text.Length)
        {
            var end = text.AsSpan(at).IndexOfAny('\r', '\n');
            var line = end < 0 ? text.AsSpan(at) : text.AsSpan(at, end);
            if (!line.IsEmpty)
            {
                var id = SegmentId(line, at, delimiters, segments.Count);
                counts[id] = counts.GetValueOrDefault(id) + 1;
                segments.Add(Hl7Segment.Read(id, counts[id], line.ToString(), at, delimiters));
            }

            at = end < 0 ? text.Length : at + end + 1;
        }

        if (segments.Count(s => s.Id == "MSH") > 1)
        {
            var second = segments.Where(s => s.Id == "MSH").Skip(1).First();
            throw new Hl7Exception(new("MSH", 2, Position: second.Offset), Hl7ErrorCode.SegmentSequenceError, "a second MSH segment: send one message per frame");
        }

        return new Hl7Message(delimiters, segments);
    }

    private static string SegmentId(ReadOnlySpan<char> line, int offset, Hl7Delimiters delimiters, int index)
    {
        var valid = line.Length >= 3 && char.IsAsciiLetterUpper(line[0]) && IsIdCharacter(line[1]) && IsIdCharacter(line[2]) && (line.Length == 3 || line[3] == delimiters.Field);
        if (!valid)
        {
            var shown = line[..Math.Min(line.Length, 3)].ToString();
            throw new Hl7Exception(new(Printable(shown), index + 1, Position: offset), Hl7ErrorCode.SegmentSequenceError,
                $"segment {index + 1} does not start with a segment name (three capital letters or digits, then '{delimiters.Field}')");
        }

        var id = line[..3].ToString();
        if (index == 0 && id != "MSH")
        {
            throw new Hl7Exception(new(id, 1, Position: offset), Hl7ErrorCode.SegmentSequenceError, "the message does not start with an MSH segment");
        }

        return id;
    }

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static string Printable(string s) => string.Concat(s.Select(c => char.IsControl(c) ? "?" : c.ToString()));
}
