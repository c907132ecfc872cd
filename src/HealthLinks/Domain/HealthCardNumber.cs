namespace HealthLinks.Domain;

/// <summary>An Ontario health card number: 10 digits whose last is a Luhn (mod 10) check digit, and a version code of 0 to 2 letters.</summary>
public sealed record HealthCardNumber
{
    private HealthCardNumber(string number, string versionCode)
    {
        Number = number;
        VersionCode = versionCode;
    }

    public string Number { get; }

    public string VersionCode { get; }

    /// <summary>Reads a number as people type it ("9876 543 217", "9876-543-217"); adds every problem to violations.</summary>
    public static HealthCardNumber? Read(string? number, string? versionCode, Violations violations, string field = "HealthCardNumber", string versionField = "HealthCardVersion")
    {
        var digits = (number ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var version = (versionCode ?? "").Trim().ToUpperInvariant();
        var ok = true;
        if (!digits.All(char.IsAsciiDigit))
        {
            violations.Add(field, Rules.HealthCardDigits, "must contain digits only");
            ok = false;
        }
        else if (digits.Length != 10)
        {
            violations.Add(field, Rules.HealthCardLength, "must have exactly 10 digits");
            ok = false;
        }
        else if (CheckDigit(digits.AsSpan(0, 9)) != digits[9] - '0')
        {
            violations.Add(field, Rules.HealthCardCheckDigit, "is not a valid Ontario health card number (check digit does not match)");
            ok = false;
        }

        if (version.Length > 2 || !version.All(char.IsAsciiLetterUpper))
        {
            violations.Add(versionField, Rules.HealthCardVersion, "must be 0 to 2 letters");
            ok = false;
        }

        return ok ? new HealthCardNumber(digits, version) : null;
    }

    /// <summary>Reads a number as the product shows it, the version code attached ("2631-329-634-QA"), or without one.</summary>
    public static HealthCardNumber? ReadAsShown(string? text, Violations violations, string field = "HealthCardNumber")
    {
        var trimmed = (text ?? "").Trim();
        var letters = trimmed.Length - trimmed.TrimEnd().Reverse().TakeWhile(char.IsAsciiLetter).Count();
        var (number, version) = (trimmed[..letters].TrimEnd(' ', '-'), trimmed[letters..]);
        return Read(number, version, violations, field, field);
    }

    public static HealthCardNumber Parse(string number, string? versionCode = null)
    {
        var violations = new Violations();
        var result = Read(number, versionCode, violations);
        violations.ThrowIfAny();
        return result!;
    }

    public static bool IsValid(string number, string? versionCode = null) => Read(number, versionCode, new Violations()) is not null;

    /// <summary>Luhn over the first nine digits: double those in odd positions, sum the digits, and take what brings the total to a multiple of 10.</summary>
    public static int CheckDigit(ReadOnlySpan<char> firstNine)
    {
        var sum = 0;
        for (var i = 0; i < firstNine.Length; i++)
        {
            var d = firstNine[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Formatted as printed on the card: 1234-567-890-AB.</summary>
    public override string ToString() =>
        $"{Number[..4]}-{Number[4..7]}-{Number[7..]}" + (VersionCode.Length > 0 ? "-" + VersionCode : "");
}
