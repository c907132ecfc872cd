using System.Text;

namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>HL7's escape sequences: delimiters (\F\ \S\ \T\ \R\ \E\), hexadecimal bytes (\X..\), highlighting and formatting.</summary>
public static class Hl7Text
{
    private static readonly string[] Formatting = [".br", ".sp", ".fi", ".nf", ".in", ".ti", ".sk", ".ce"];

    public static bool IsKnownEscape(ReadOnlySpan<char> inside) =>
        inside switch
        {
            "F" or "S" or "T" or "R" or "E" or "H" or "N" => true,
            ['X', .. var hex] => hex.Length > 0 && hex.Length % 2 == 0 && IsHex(hex),
            ['.', ..] => IsFormatting(inside),
            ['C', .. var c] => c.Length == 4 && IsHex(c),
            ['M', .. var m] => m.Length is 4 or 6 && IsHex(m),
            _ => false,
        };

    public static string Unescape(string text, Hl7Delimiters d)
    {
        var i = text.IndexOf(d.Escape);
        if (i < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var from = 0;
        while (i >= 0)
        {
            var end = text.IndexOf(d.Escape, i + 1);
            if (end < 0)
            {
                break;
            }

            sb.Append(text, from, i - from);
            var inside = text.AsSpan(i + 1, end - i - 1);
            sb.Append(inside switch
            {
                "F" => d.Field.ToString(),
                "S" => d.Component.ToString(),
                "T" => d.Subcomponent.ToString(),
                "R" => d.Repetition.ToString(),
                "E" => d.Escape.ToString(),
                ".br" => "\n",
                ['X', .. var hex] when hex.Length % 2 == 0 && IsHex(hex) => new string(Bytes(hex).Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray()),
                _ => "",
            });
            from = end + 1;
            i = text.IndexOf(d.Escape, from);
        }

        sb.Append(text, from, text.Length - from);
        return sb.ToString();
    }

    /// <summary>Text made safe to put in a field: each delimiter written as its escape sequence, control characters left out.</summary>
    public static string Escape(string text, Hl7Delimiters d)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == d.Escape)
            {
                sb.Append(d.Escape).Append('E').Append(d.Escape);
            }
            else if (c == d.Field || c == d.Component || c == d.Subcomponent || c == d.Repetition)
            {
                var code = c == d.Field ? 'F' : c == d.Component ? 'S' : c == d.Subcomponent ? 'T' : 'R';
                sb.Append(d.Escape).Append(code).Append(d.Escape);
            }
            else if (!char.IsControl(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Bytes(ReadOnlySpan<char> hex)
    {
        var bytes = Convert.FromHexString(hex);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static bool IsFormatting(ReadOnlySpan<char> inside)
    {
        foreach (var f in Formatting)
        {
            if (inside.StartsWith(f) && (inside.Length == f.Length || IsSigned(inside[f.Length..])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSigned(ReadOnlySpan<char> s) => s.Length > 0 && (s[0] is '+' or '-' ? s[1..] : s) is { Length: > 0 and < 4 } n && int.TryParse(n, out _);
}
