using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace HealthLinks.Infrastructure.Localization;

/// <summary>The chosen language, remembered by the browser for a year (and on the account, for people who sign in).</summary>
public static class LanguageCookie
{
    public static void Set(HttpContext http, string language)
    {
        var culture = language == "fr" ? "fr-CA" : "en-CA";
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
    }
}
