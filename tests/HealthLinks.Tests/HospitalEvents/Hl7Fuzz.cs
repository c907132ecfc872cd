using System.Text;

namespace HealthLinks.Tests.HospitalEvents;

/// <summary>Mutations of real messages, of the kinds that break parsers: truncation, wrong delimiters, huge fields, binary noise, deep repetition.</summary>
public static class Hl7Fuzz
{
    private const string Delimiters = "|^~\\&#\r\n";

    public static string Mutate(string message, Random random)
    {
        var text = message;
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            text = (random.Next(9)) switch
            {
                0 => text[..random.Next(text.Length + 1)],
                1 => Replace(text, random, () => Delimiters[random.Next(Delimiters.Length)]),
                2 => Insert(text, random, new string('A', random.Next(1, 200_000))),
                3 => Insert(text, random, Noise(random, random.Next(1, 64))),
                4 => Insert(text, random, string.Concat(Enumerable.Repeat("x~", random.Next(1, 50_000)))),
                5 => Insert(text, random, string.Concat(Enumerable.Repeat("^&", random.Next(1, 20_000)))),
                6 => Insert(text, random, "\\" + (char)random.Next(32, 127) + (random.Next(2) == 0 ? "\\" : "")),
                7 => SwapSegments(text, random),
                _ => Replace(text, random, () => (char)random.Next(0, 0x3000)),
            };
        }

        return text;
    }

    private static string Replace(string text, Random random, Func<char> next)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < 1 + random.Next(8); i++)
        {
            chars[random.Next(chars.Length)] = next();
        }

        return new string(chars);
    }

    private static string Insert(string text, Random random, string what) => text.Insert(random.Next(text.Length + 1), what);

    private static string Noise(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append((char)random.Next(0, 256));
        }

        return sb.ToString();
    }

    private static string SwapSegments(string text, Random random)
    {
        var segments = text.Split('\r').ToList();
        if (segments.Count < 2)
        {
            return text;
        }

        var (a, b) = (random.Next(segments.Count), random.Next(segments.Count));
        (segments[a], segments[b]) = (segments[b], segments[a]);
        return string.Join('\r', segments);
    }
}
