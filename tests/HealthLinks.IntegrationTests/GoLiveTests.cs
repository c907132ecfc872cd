using System.Net;
using System.Text.RegularExpressions;

using HealthLinks.Data;
using HealthLinks.Features.Accounts;
using HealthLinks.Features.Patients;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// A real installation from nothing, as its administrator does it: 'healthlinks setup' on a fresh database, then the web
/// host in Production; the administrator signs in, invites a coordinator, the emailed link sets their password, and the
/// coordinator signs in to their own Health Link only.
/// </summary>
public sealed partial class GoLiveTests : IDisposable
{
    private const string AdminPassword = "First-Admin-2026!";
    private readonly string _folder = Directory.CreateTempSubdirectory("healthlinks-golive-").FullName;

    private string Database => $"Data Source={Path.Combine(_folder, "healthlinks.db")};Pooling=false";

    private string Outbox => Path.Combine(_folder, "outbox");

    [Fact]
    public async Task SetupThenProduction_TheAdministratorInvitesACoordinator_WhoSetsAPasswordAndSignsIn()
    {
        var passwordFile = Path.Combine(_folder, "admin-password");
        await File.WriteAllTextAsync(passwordFile, AdminPassword + "\n");
        var setup = await Cli("setup", "--region", "Champlain", "--health-link", "Ottawa East", "--admin-email", "admin@ottawa-east.example", "--admin-name", "Ada Admin", "--password-file", passwordFile);
        Assert.True(setup.ExitCode == 0, setup.Output);
        var again = await Cli("setup", "--region", "Champlain", "--health-link", "Ottawa East", "--admin-email", "admin@ottawa-east.example", "--password-file", passwordFile);
        Assert.Contains("Nothing was changed", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli("health-link", "add", "--region", "Champlain", "--name", "Ottawa West")).ExitCode);

        // Bad input at the command line: refused with the reason, nothing stored.
        var weak = Path.Combine(_folder, "weak");
        await File.WriteAllTextAsync(weak, "short");
        Assert.Contains("is not a role", (await Cli("users", "add", "--email", "x@example.org", "--role", "Surgeon")).Output, StringComparison.Ordinal);
        Assert.Contains("already exists", (await Cli("users", "add", "--email", "admin@ottawa-east.example", "--role", "Provider")).Output, StringComparison.Ordinal);
        Assert.Contains("Password:", (await Cli("users", "add", "--email", "y@example.org", "--role", "Provider", "--password-file", weak)).Output, StringComparison.Ordinal);
        var list = await Cli("users", "list");
        Assert.Contains("1 account(s).", list.Output, StringComparison.Ordinal);

        await using var host = new ProductionHost(Database, Outbox);
        var https = new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false };
        var login = await host.CreateClient(https).GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.DoesNotContain("demo.healthlinks.ca", login, StringComparison.Ordinal); // no demo accounts, ever, in Production

        var admin = host.CreateClient(https);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(admin, "admin@ottawa-east.example", AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);

        // The invitation, as the administrator's page sends it.
        var adminViewer = await Viewer(host, "admin@ottawa-east.example");
        var invited = await host.Services.GetRequiredService<CreateAccount.Handler>().Handle(adminViewer, new() { Email = "coordinator@ottawa-east.example", Roles = [Roles.CareCoordinator], HealthLinkId = adminViewer.HealthLinkId });
        Assert.True(invited.Succeeded, string.Join("; ", invited.Violations));
        var email = await File.ReadAllTextAsync(Directory.GetFiles(Outbox, "*.eml").Single());
        var link = new Uri(LinkIn().Match(email).Value);
        Assert.Equal("/account/password", link.AbsolutePath);

        var coordinator = host.CreateClient(https);
        var form = await coordinator.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Contains("coordinator@ottawa-east.example", form, StringComparison.Ordinal);
        var chosen = await Forms.Post(coordinator, link.PathAndQuery, form, "choose-password", ("token", Uri.UnescapeDataString(link.Query[7..])), ("Input.Password", "Coordinator-Pass-1"), ("Input.Confirm", "Coordinator-Pass-1"));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        // The link works once.
        var reused = await coordinator.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Contains("expired or was already used", reused, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(coordinator, "coordinator@ottawa-east.example", "Coordinator-Pass-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(new Uri("/patients", UriKind.Relative))).StatusCode);

        // Their Health Link only: a patient of the other Health Link is not found by their search.
        Guid east, west;
        await using (var db = host.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext())
        {
            east = await db.HealthLinks.Where(h => h.Name == "Ottawa East").Select(h => h.Id).SingleAsync();
            west = await db.HealthLinks.Where(h => h.Name == "Ottawa West").Select(h => h.Id).SingleAsync();
            Assert.False(await db.Patients.AnyAsync()); // no demo data in Production
        }

        var save = host.Services.GetRequiredService<SavePatient.Handler>();
        await save.Save(new SavePatient.Command { HealthLinkId = east, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) with { FamilyName = "Eastman" } });
        await save.Save(new SavePatient.Command { HealthLinkId = west, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) with { FamilyName = "Westman" } });
        var found = await host.Services.GetRequiredService<SearchPatients.Handler>().Handle(new SearchPatients.Query(await Viewer(host, "coordinator@ottawa-east.example")));
        Assert.Equal(["Eastman"], found.Rows.Select(r => r.FamilyName));
    }

    [Fact]
    public void Production_RefusesToStart_WithoutItsSettings_AndNamesThem()
    {
        using var host = new ProductionHost(Database, Outbox, configured: false);
        var e = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("Audit:Key", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:Host", e.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int ExitCode, string Output)> Cli(params string[] args) => CliTests.RunCli("Sqlite", Database, args, [("Email__Outbox", Outbox), ("App__BaseUrl", "https://localhost")]);

    private static async Task<Infrastructure.Privacy.Viewer> Viewer(ProductionHost host, string email)
    {
        await using var db = host.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext();
        return (await Infrastructure.Privacy.Viewer.ForEmail(db, email, Domain.Privacy.AuditSource.Web))!;
    }

    private static async Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password) =>
        await Forms.Post(client, "/login", await client.GetStringAsync(new Uri("/login", UriKind.Relative)), "login", ("Input.Email", email), ("Input.Password", password));

    [GeneratedRegex(@"https://localhost/account/password\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex LinkIn();

    /// <summary>The web host as an installation runs it: Production, its settings given (or not), email to a folder.</summary>
    private sealed class ProductionHost(string database, string outbox, bool configured = true) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:HealthLinks", database);
            builder.UseSetting("Reminders:Enabled", "false");
            builder.UseSetting("Email:Outbox", outbox);
            if (configured)
            {
                builder.UseSetting("Audit:Key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                builder.UseSetting("Email:Smtp:Host", "smtp.invalid");
                builder.UseSetting("App:BaseUrl", "https://localhost");
            }
        }
    }
}
