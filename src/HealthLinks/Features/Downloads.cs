using Microsoft.AspNetCore.Http;

namespace HealthLinks.Features;

/// <summary>How a download endpoint answers: the file, never cached, or a refusal that names no patient.</summary>
public static class Downloads
{
    // A bare status, which the status-code page turns into a page; "not found" when the patient does not exist at all.
    public static IResult Refused(Privacy.PatientAccess.Result access) => access.PatientExists ? Results.Forbid() : Results.NotFound();

    // Personal health information: never kept in a browser or proxy cache.
    public static IResult Pdf(HttpContext http, byte[] content, string name)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(content, "application/pdf", name);
    }
}
