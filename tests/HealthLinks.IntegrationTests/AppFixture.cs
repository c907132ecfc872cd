using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Respawn;

namespace HealthLinks.IntegrationTests;

/// <summary>The real web host over a real, empty database of its own, with one region, one Health Link and the role accounts.</summary>
public abstract class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public Guid HealthLinkId { get; private set; }

    public abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>Runs the healthlinks command line on this app's database.</summary>
    public Task<(int ExitCode, string Output)> Cli(params string[] args) => CliTests.RunCli(Provider.ToString(), ConnectionString, args);

    /// <summary>The command line with more settings in its environment.</summary>
    public Task<(int ExitCode, string Output)> Cli(string[] args, params (string Name, string Value)[] environment) => CliTests.RunCli(Provider.ToString(), ConnectionString, args, environment);

    /// <summary>Starts the command line on this app's database and leaves it running.</summary>
    public System.Diagnostics.Process StartCli(params string[] args) => CliTests.StartCli(Provider.ToString(), ConnectionString, args);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The port this app listens on for HL7 v2 messages.</summary>
    public int AdtPort => Get<Features.HospitalEvents.MllpListener>().BoundPort ?? throw new InvalidOperationException("the HL7 listener has not started");

    public HealthLinksDb NewDb() => Get<IDbContextFactory<HealthLinksDb>>().CreateDbContext();

    /// <summary>An account with one role (and, for a patient, their record), using the demo password.</summary>
    public async Task<string> NewUser(string role, PatientId? patient = null, ProviderId? provider = null, Guid? healthLink = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, PatientId = patient, ProviderId = provider, HealthLinkId = healthLink };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    /// <summary>An account for the patient's lead care coordinator, who is on the care team.</summary>
    public async Task<string> TeamAccount(PatientId patient)
    {
        await using var db = NewDb();
        var lead = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.ProviderId).FirstAsync();
        return await NewUser(Roles.CareCoordinator, provider: lead);
    }

    /// <summary>A provider's account whose provider is in the directory but on no one's team.</summary>
    public async Task<string> OutsideProvider(string role = Roles.Provider)
    {
        await using var db = NewDb();
        var organization = await db.Organizations.FirstOrDefaultAsync() ?? new Organization((await db.Regions.FirstAsync()).Id, "Outside Clinic", OrganizationKind.PrimaryCare);
        var provider = new Provider(organization.Id, "Oscar", "Outsider", Profession.FamilyPhysician);
        db.Add(provider);
        if (db.Entry(organization).State == EntityState.Detached)
        {
            db.Add(organization);
        }

        await db.SaveChangesAsync();
        return await NewUser(role, provider: provider.Id);
    }

    public async Task<Viewer> ViewerOf(string email)
    {
        await using var db = NewDb();
        return (await Viewer.ForEmail(db, email, Domain.Privacy.AuditSource.Web))!;
    }

    /// <summary>A new patient whose care team has a lead coordinator and a nurse: two health-care professionals.</summary>
    public async Task<(PatientId Patient, string Card, Guid NurseMember)> PatientWithTeam()
    {
        var card = PatientRecordTests.NewCard();
        var created = await Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = HealthLinkId, Details = PatientRecordTests.Details(card) });
        await using var db = NewDb();
        var organization = new Organization((await db.Regions.FirstAsync()).Id, "Team Test Home Care", OrganizationKind.HomeAndCommunityCare);
        var coordinator = new Provider(organization.Id, "Lucie", "Lavoie", Profession.CareCoordinator);
        var nurse = new Provider(organization.Id, "Nora", "Nguyen", Profession.RegisteredNurse);
        db.AddRange(organization, coordinator, nurse);
        var patient = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == created.Value);
        var since = HealthLinks.Infrastructure.Localization.Ontario.Today(TimeProvider.System).AddDays(-30);
        patient.AddProviderToTeam(coordinator.Id, "Lead care coordinator", since, isLead: true);
        var member = patient.AddProviderToTeam(nurse.Id, "Home care nurse", since);
        await db.SaveChangesAsync();
        return (created.Value, card, member.Id);
    }

    // Kept across tests: the schema, the append-only audit (its chain and recorded head stay whole), the fixture's
    // region and Health Link, and the accounts (hashing a password costs more than a test).
    private static readonly Respawn.Graph.Table[] Kept =
    [
        "__EFMigrationsHistory", "AuditEvents", "Regions", "HealthLinks",
        "AspNetUsers", "AspNetRoles", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens", "DataProtectionKeys",
    ];

    private Respawner? _respawner;

    /// <summary>Empties the database for the next test (but what <see cref="Kept"/> names), and the app's copy of the population.</summary>
    public async Task Reset()
    {
        await using var db = NewDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Provider == DatabaseProvider.Sqlite ? DbAdapter.Sqlite : DbAdapter.Postgres,
            TablesToIgnore = Kept,
        });
        await _respawner.ResetAsync(connection);
        Get<Features.Population.PopulationCache>().Forget();
    }

    public async Task InitializeAsync()
    {
        _ = Server; // starts the host, which applies the migrations
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
        var region = new Region("Test region");
        var healthLink = new HealthLink(region.Id, "Test Health Link");
        db.AddRange(region, healthLink);
        await db.SaveChangesAsync();
        HealthLinkId = healthLink.Id;
        await DemoAccounts.EnsureAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(),
            db);
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
    }

    /// <summary>The app's clock; the system's unless a fixture sets another.</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureServices(s => s.AddSingleton(Clock));
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:HealthLinks", ConnectionString);
        builder.UseSetting("Email:Outbox", Outbox);
        // Every test client comes from the same (unknown) address: the per-address limits are tested on a host of their own.
        builder.UseSetting("Abuse:SignInFailuresPerAddress", "100000");
        // Hospitals' messages on a port of the system's choosing (MllpListener.BoundPort), on this machine only.
        builder.UseSetting("Adt:Port", "0");
        builder.UseSetting("Adt:Address", "127.0.0.1");
    }

    /// <summary>Where this app's email goes, as .eml files.</summary>
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), $"healthlinks-outbox-{Guid.NewGuid():N}");
}

public class SqliteApp : AppFixture
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"healthlinks-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={_file};Pooling=false";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_file);
    }
}

/// <summary>Needs HEALTHLINKS_TEST_POSTGRES (host, port, user, password); scripts/test starts a server and sets it.</summary>
public class PostgresApp : AppFixture
{
    private readonly string _database = $"healthlinks_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString =>
        (Environment.GetEnvironmentVariable("HEALTHLINKS_TEST_POSTGRES")
         ?? throw new InvalidOperationException("Set HEALTHLINKS_TEST_POSTGRES, or run scripts/test, which starts PostgreSQL and sets it."))
        + $";Database={_database}";

    public override async Task DisposeAsync()
    {
        await using (var db = NewDb())
        {
            await db.Database.EnsureDeletedAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>A test class on an app shared with others: each test starts on an emptied database.</summary>
public abstract class AppTests(AppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.Reset();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>One app and database for the SQLite test classes, and one for PostgreSQL: starting and migrating one costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
