using HealthLinks.Components;
using HealthLinks.Data;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace HealthLinks.Web;

/// <summary>The pieces Program.cs names, one method each.</summary>
public static class WebSetup
{
    public static readonly TimeSpan IdleSignOut = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddHealthLinksSignIn(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = IdleSignOut;
            o.SlidingExpiration = true;
            o.Cookie.Name = "healthlinks.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorization();
        services.AddHealthLinksIdentity();
        return services;
    }

    public static IServiceCollection AddHealthLinksLocalization(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en-CA").AddSupportedCultures("en-CA", "fr-CA").AddSupportedUICultures("en-CA", "fr-CA");
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
            o.FallBackToParentUICultures = true;
        });

    public static IServiceCollection AddHealthLinksPages(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        return services;
    }

    public static IServiceCollection AddHealthLinksHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<HealthLinksDb>("database");
        return services;
    }

    /// <summary>Applies pending migrations; in Development also seeds the demo population and accounts.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await DatabaseStartup.MigrateAsync(app.Services);
        if (app.Environment.IsDevelopment())
        {
            var patients = app.Configuration.GetValue("Demo:Patients", Features.Demo.SeedDemoPopulation.DefaultPatients);
            await DatabaseStartup.PrepareDemoAsync(app.Services, patients, app.Logger);
        }
    }

    public static void UseHealthLinksErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    }

    public static void UseHealthLinksLocalization(this WebApplication app) => app.UseRequestLocalization();

    public static void MapHealthLinksPages(this WebApplication app) =>
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    public static void MapSignOut(this WebApplication app) =>
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<UserAccount> signIn) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/login");
        }).DisableAntiforgery();

    /// <summary>Remembers the chosen language in a cookie for a year and goes back to the page.</summary>
    public static void MapLanguageSwitch(this WebApplication app) =>
        app.MapGet("/culture/{language}", async (string language, string? returnUrl, HttpContext http, UserManager<UserAccount> users) =>
        {
            if (!Languages.Supported.Contains(language))
            {
                return Results.BadRequest($"Language must be one of: {string.Join(", ", Languages.Supported)}.");
            }

            LanguageCookie.Set(http, language);
            if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user && user.Language != language)
            {
                user.Language = language;
                await users.UpdateAsync(user);
            }

            var local = returnUrl is not null && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative);
            return Results.LocalRedirect(local ? "~" + returnUrl : "~/");
        });

    /// <summary>The plan as a PDF, in the language asked for or the patient's own.</summary>
    public static void MapPlanPdf(this WebApplication app) =>
        app.MapGet("/patients/{id:guid}/plan/pdf", async (Guid id, string? lang, Features.CarePlans.BuildPlanSheet.Handler sheets, HttpContext http) =>
        {
            if (await sheets.Handle(new Domain.PatientId(id), lang) is not { } sheet)
            {
                return Results.NotFound();
            }

            return PlanPdfFile(http, sheet, "care-plan");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.ClinicalStaff });

    /// <summary>A patient's own plan as a PDF; the patient comes from the account, never from the address.</summary>
    public static void MapMyPlanPdf(this WebApplication app) =>
        app.MapGet("/my-plan/pdf", async (string? lang, HttpContext http, UserManager<UserAccount> users, Features.CarePlans.BuildPlanSheet.Handler sheets) =>
        {
            if (await users.GetUserAsync(http.User) is not { PatientId: { } patient } || await sheets.Handle(patient, lang) is not { } sheet)
            {
                return Results.NotFound();
            }

            return PlanPdfFile(http, sheet, "my-care-plan");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Patient });

    /// <summary>A plan shared with a caregiver; the access is checked on every download, so it ends the moment it expires or is revoked.</summary>
    public static void MapSharedPlanPdf(this WebApplication app) =>
        app.MapGet("/shared-plans/{id:guid}/pdf", async (Guid id, string? lang, HttpContext http, Features.Caregivers.SharedPlans.Handler shared, Features.CarePlans.BuildPlanSheet.Handler sheets) =>
        {
            var patient = new Domain.PatientId(id);
            if (!await shared.CanRead(SignedInEmail.Of(http.User), patient) || await sheets.Handle(patient, lang) is not { } sheet)
            {
                return Results.Forbid();
            }

            return PlanPdfFile(http, sheet, "shared-care-plan");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Caregiver });

    /// <summary>The invitation letter as a PDF, in the language asked for or the patient's own, signed by the coordinator asking.</summary>
    public static void MapInvitationLetterPdf(this WebApplication app) =>
        app.MapGet("/patients/{id:guid}/invite/letter/pdf", async (Guid id, string? lang, HttpContext http, UserManager<UserAccount> users, Features.Enrollment.InvitationLetter.Handler letters) =>
        {
            var me = (await users.GetUserAsync(http.User))?.ProviderId;
            if (await letters.Build(new Domain.PatientId(id), me, lang) is not { } letter)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(Features.Enrollment.InvitationLetter.Pdf(letter), "application/pdf", $"invitation-{letter.Language}.pdf");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.CareCoordinator });

    // Personal health information: never kept in a browser or proxy cache.
    private static IResult PlanPdfFile(HttpContext http, Features.CarePlans.PlanSheet sheet, string name)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(Features.CarePlans.PlanPdf.Render(sheet), "application/pdf", $"{name}-{sheet.Language}.pdf");
    }

    public static void MapHealthLinksHealthChecks(this WebApplication app) => app.MapHealthChecks("/health");
}
