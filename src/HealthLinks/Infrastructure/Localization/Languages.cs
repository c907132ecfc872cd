using System.Globalization;

using HealthLinks.Domain;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Infrastructure.Localization;

public static class Languages
{
    public static IReadOnlyList<string> Supported { get; } = ["en", "fr"];

    /// <summary>A colon as each language sets it: French puts a (non-breaking) space before it.</summary>
    public static string Colon => IsFrench ? "\u00a0:" : ":";

    /// <summary>Runs <paramref name="write"/> in a language (en or fr; anything else is English) and restores the caller's.</summary>
    public static T In<T>(string? language, Func<T> write)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-CA" : "en-CA");
        try
        {
            return write();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    /// <summary>The text for an enum value, e.g. Profession_Pharmacist.</summary>
    public static string Enum<T>(this IStringLocalizer<Strings> l, T value)
        where T : struct, System.Enum => l[$"{typeof(T).Name}_{value}"];

    /// <summary>A broken rule in the reader's language; the English message is the fallback.</summary>
    public static string Rule(this IStringLocalizer<Strings> l, RuleViolation v)
    {
        var text = l[$"Rule_{v.Code}"];
        return text.ResourceNotFound ? v.Message : text.Value;
    }

    /// <summary>"{0} patients found" with its count, or the key's "_One" text for one (and for zero in French): "1 patient found".</summary>
    public static string Count(this IStringLocalizer<Strings> l, string key, int n)
    {
        var one = n == 1 || (IsFrench && n == 0) ? l[$"{key}_One"] : null;
        return string.Format(CultureInfo.CurrentCulture, one is { ResourceNotFound: false } ? one.Value : l[key].Value, n);
    }

    public static string Date(DateOnly date) => date.ToString(IsFrench ? "yyyy-MM-dd" : "MMM d, yyyy", CultureInfo.CurrentCulture);

    /// <summary>Times are stored in UTC and shown in Ontario's time.</summary>
    public static string DateTime(DateTime utc) => WallClock(TimeZoneInfo.ConvertTimeFromUtc(utc, Toronto));

    /// <summary>A wall-clock time as entered (an appointment at 10:30 is at 10:30 wherever the server runs): shown, never converted.</summary>
    public static string WallClock(DateTime local) =>
        local.ToString(IsFrench ? "yyyy-MM-dd HH 'h' mm" : "MMM d, yyyy h:mm tt", CultureInfo.CurrentCulture);

    public static TimeZoneInfo Toronto => OntarioTime.Zone;
}
