using System.Globalization;

using HealthLinks.Domain;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Infrastructure.Localization;

public static class Languages
{
    public static IReadOnlyList<string> Supported { get; } = ["en", "fr"];

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

    public static string Date(DateOnly date) => date.ToString(IsFrench ? "yyyy-MM-dd" : "MMM d, yyyy", CultureInfo.CurrentCulture);

    /// <summary>Times are stored in UTC and shown in Ontario's time.</summary>
    public static string DateTime(DateTime utc) => WallClock(TimeZoneInfo.ConvertTimeFromUtc(utc, Toronto));

    /// <summary>A wall-clock time as entered (an appointment at 10:30 is at 10:30 wherever the server runs): shown, never converted.</summary>
    public static string WallClock(DateTime local) =>
        local.ToString(IsFrench ? "yyyy-MM-dd HH 'h' mm" : "MMM d, yyyy h:mm tt", CultureInfo.CurrentCulture);

    public static TimeZoneInfo Toronto => OntarioTime.Zone;
}
