using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench;

/// <summary>The real web host on Kestrel at a loopback port, over a fresh SQLite file, with the role accounts and nothing else.</summary>
internal sealed partial class BenchApp(bool withoutAudit = false) : WebApplicationFactory<Program>
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"healthlinks-bench-{Guid.NewGuid():N}.db");

    public Uri BaseAddress { get; private set; } = default!;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Start()
    {
        // The web project's folder, for its static assets: found from the solution, wherever the bench runs from.
        var solution = new DirectoryInfo(AppContext.BaseDirectory);
        while (solution is not null && !File.Exists(Path.Combine(solution.FullName, "HealthLinks.slnx")))
        {
            solution = solution.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HEALTHLINKS_WEB", Path.Combine(solution?.FullName ?? ".", "src", "HealthLinks.Web"));
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
    }

    /// <summary>The role accounts and the large plan's patient, in this host's fresh database.</summary>
    public async Task<Guid> BigPlanPatient()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthLinks.Data.HealthLinksDb>();
        await HealthLinks.Demo.DemoAccounts.EnsureAsync(
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HealthLinks.Infrastructure.Auth.UserAccount>>(),
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>(), db);
        return (await BigPlan.Create(db, Get<HealthLinks.Features.CarePlans.SaveCarePlan.Handler>())).Value;
    }

    /// <summary>The demo account becomes the lead coordinator of the patient, so the access rule lets it in.</summary>
    public async Task<string> LeadOf(Guid patient)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthLinks.Data.HealthLinksDb>();
        var lead = await db.CareTeamMembers.Where(m => m.PatientId == new HealthLinks.Domain.PatientId(patient) && m.IsLead).Select(m => m.ProviderId).FirstAsync();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HealthLinks.Infrastructure.Auth.UserAccount>>();
        var user = (await users.FindByEmailAsync(HealthLinks.Demo.DemoAccounts.All[0].Email))!;
        user.ProviderId = lead;
        await users.UpdateAsync(user);
        return user.Email!;
    }

    /// <summary>An HTTP client over the network, signed in through the login form like a browser.</summary>
    public async Task<HttpClient> SignedIn(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var form = await client.GetStringAsync(new Uri("login", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync(new Uri("login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("login", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_file);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:HealthLinks", $"Data Source={_file};Pooling=false");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        if (withoutAudit)
        {
            builder.ConfigureServices(s => s.AddSingleton<HealthLinks.Infrastructure.Privacy.AuditTrail, UnwrittenAuditTrail>());
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
