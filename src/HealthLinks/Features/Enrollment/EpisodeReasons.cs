using System.Globalization;

using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Enrollment;

/// <summary>
/// The reasons the product itself writes into an episode's history ("invited by phone on …", "consent given by …"),
/// stored as a text key and its values, "[EpisodeReason_Invited|ContactMethod_Phone|2026-11-30]", so each reader
/// reads them in their own language. A reason a person typed is stored and shown as typed.
/// </summary>
public static class EpisodeReasons
{
    public static string Write(string key, params object[] values) =>
        $"[{string.Join('|', values.Select(Token).Prepend(key))}]";

    public static string Read(string? stored, IStringLocalizer<Strings> l)
    {
        if (stored is not ['[', .., ']'] || stored[1..^1].Split('|') is not [var key, .. var values] || l[key] is not { ResourceNotFound: false } text)
        {
            return stored ?? "";
        }

        return string.Format(CultureInfo.CurrentCulture, text.Value, values.Select(v => Value(v, l)).ToArray<object>());
    }

    private static string Token(object value) => value switch
    {
        Enum e => $"{e.GetType().Name}_{e}",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Value(string token, IStringLocalizer<Strings> l) =>
        DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Languages.Date(d)
        : l[token] is { ResourceNotFound: false } text ? text.Value : token;
}
