using HealthLinks.Components;
using HealthLinks.Data;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace HealthLinks.Web;

/// <summary>The pieces Program.cs names, one method each.</summary>
public static class WebSetup
{
    public static readonly TimeSpan IdleSignOut = TimeSpan.FromMinutes(30);

    /// <summary>The same policy everywhere: scripts and styles from this site only, no framing, nothing sent to other sites.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddHealthLinksSignIn(this IServiceCollection services, IHostEnvironment environment)
    {
        // Outside Development the cookies only travel over HTTPS.
        var secure = environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<Infrastructure.CircuitConnection>();
        services.AddScoped<Infrastructure.Abuse.ClientAddress>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Infrastructure.Abuse.ClientAddress>());
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Infrastructure.CircuitConnection>());
        // One key ring in the database: sign-ins survive a restart and are accepted by every node.
        services.AddDataProtection().SetApplicationName("HealthLinks").PersistKeysToDbContext<HealthLinksDb>();
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
            o.Cookie.SecurePolicy = secure;
            // Every request asks the server whether its sign-in still holds: a copied cookie dies with its session.
            o.Events.OnValidatePrincipal = async context =>
            {
                // Scripts, styles and fonts need no sign-in: not asking for them keeps a page load to one check.
                var path = context.HttpContext.Request.Path.Value ?? "";
                if (path.StartsWith("/_framework/", StringComparison.Ordinal) || path.StartsWith("/_content/", StringComparison.Ordinal) || Path.HasExtension(path))
                {
                    return;
                }

                if (context.Principal is null || !await context.HttpContext.RequestServices.GetRequiredService<Sessions>().IsValid(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedRefusals>();
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
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    public static IServiceCollection AddHealthLinksHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<HealthLinksDb>("database", tags: ["ready"]).AddCheck<MigrationsCheck>("migrations", tags: ["ready"]);
        return services;
    }

    /// <summary>Applies pending migrations; in Development also seeds the demo population and accounts.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (Features.Import.UploadQuota.RemoveLeftovers() is > 0 and var removed)
        {
            app.Logger.LogWarning("Removed {Count} uploads left behind by a host that did not stop cleanly", removed);
        }

        await DatabaseStartup.MigrateAsync(app.Services);
        if (app.Environment.IsDevelopment())
        {
            var patients = app.Configuration.GetValue("Demo:Patients", Demo.SeedDemoPopulation.DefaultPatients);
            await DatabaseStartup.PrepareDemoAsync(app.Services, patients, app.Logger);
        }
    }

    /// <summary>
    /// Behind a reverse proxy (Proxy:KnownProxies, its addresses, comma-separated), the client's own address and scheme come
    /// from the proxy's X-Forwarded-For and X-Forwarded-Proto: the sign-in and referral throttles count people, not the proxy.
    /// </summary>
    public static void UseForwardedFromProxy(this WebApplication app)
    {
        var proxies = app.Configuration["Proxy:KnownProxies"];
        if (string.IsNullOrWhiteSpace(proxies))
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var address in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(address));
        }

        app.UseForwardedHeaders(options);
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

    /// <summary>
    /// Security headers on every response, and no-store on everything but the static files (which set their own caching),
    /// so no page with personal health information stays in a browser or proxy cache.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next();
        });

    public static void UseHealthLinksLocalization(this WebApplication app) => app.UseRequestLocalization();

    /// <summary>A sign-in that must first set up two-factor sign-in reaches that page, signing out, and nothing else.</summary>
    public static void UseTwoFactorEnrollment(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "";
            string[] open = [Features.Accounts.TwoFactorRule.SetUpPath, "/logout", "/culture/", "/_framework/", "/_blazor", "/_content/", "/health"];
            if (http.User.HasClaim(c => c.Type == Features.Accounts.TwoFactorRule.EnrollClaim)
                && !open.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) && !Path.HasExtension(path))
            {
                http.Response.Redirect(Features.Accounts.TwoFactorRule.SetUpPath);
                return;
            }

            await next();
        });

    public static void MapHealthLinksPages(this WebApplication app) =>
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    public static void MapSignOut(this WebApplication app) =>
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<UserAccount> signIn, Sessions sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("This sign-out did not come from a HealthLinks page: sign out from the menu.");
            }

            // The session ends on the server, so a copy of the cookie no longer works anywhere.
            if (Infrastructure.Privacy.Viewer.From(http.User).SessionId is { } session)
            {
                await sessions.End(session, SessionEnd.SignedOut, http.RequestAborted);
            }

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

    /// <summary>/health/live: the process answers. /health/ready (and /health): the database is reachable and fully migrated.</summary>
    public static void MapHealthLinksHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
    }
}
