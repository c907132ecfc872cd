using System.Text.RegularExpressions;

namespace HealthLinks.IntegrationTests;

/// <summary>Posting a server-rendered form as the browser does: its fields, its handler name and its antiforgery token.</summary>
internal static partial class Forms
{
    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string Token(string page) => Antiforgery().Match(page).Groups[1].Value;

    public static async Task<HttpResponseMessage> Post(HttpClient client, string path, string page, string handler, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["_handler"] = handler, ["__RequestVerificationToken"] = Token(page) };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
