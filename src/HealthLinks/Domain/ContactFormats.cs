using System.Text.RegularExpressions;

namespace HealthLinks.Domain;

public static partial class ContactFormats
{
    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    /// <summary>North American numbers: 10 digits (an optional leading 1), punctuation free, optional extension.</summary>
    public static bool IsPhone(string value)
    {
        var main = ExtensionPattern().Replace(value, "");
        var digits = new string(main.Where(char.IsDigit).ToArray());
        var onlyPunctuation = main.All(c => char.IsDigit(c) || c is ' ' or '-' or '(' or ')' or '.' or '+');
        return onlyPunctuation && (digits.Length == 10 || (digits.Length == 11 && digits[0] == '1'));
    }

    /// <summary>Canadian postal code, e.g. K1A 0B1.</summary>
    public static bool IsPostalCode(string value) => PostalCodePattern().IsMatch(value);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\s*(ext\.?|x)\s*\d{1,6}$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$", RegexOptions.IgnoreCase)]
    private static partial Regex PostalCodePattern();
}
