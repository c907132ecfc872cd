using System.Diagnostics;
using System.Net;

using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Features.Population;
using HealthLinks.Features.Reminders;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Jobs;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Xunit.Abstractions;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// Two web nodes on one PostgreSQL database, as a deployment behind a reverse proxy runs them: a sign-in made on one is
/// accepted by the other (one key ring, in the database, and sessions kept there), and each node's copy of the
/// population follows what the other changes, and only one of them runs the reminders. (The same two nodes behind the
/// proxy, in a browser: BrowserTests.ProxyTests.)
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly string _database = $"healthlinks_nodes_{Guid.NewGuid():N}";
    private Node? _a;
    private Node? _b;

    private string Connection => (Environment.GetEnvironmentVariable("HEALTHLINKS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Set HEALTHLINKS_TEST_POSTGRES, or run scripts/test, which starts PostgreSQL and sets it.")) + $";Database={_database}";

    public async Task InitializeAsync()
    {
        _a = new Node(Connection);
        _ = _a.Server; // migrates
        _b = new Node(Connection);
        _ = _b.Server;
        await using var scope = _a.Services.CreateAsyncScope();
        await DemoAccounts.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(), scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), scope.ServiceProvider.GetRequiredService<HealthLinksDb>());
    }

    [Fact]
    public async Task ASignInOnNodeA_ContinuesOnNodeB_AfterNodeAStops()
    {
        var onA = _a!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await Forms.Post(onA, "/login", await onA.GetStringAsync(new Uri("/login", UriKind.Relative)), "login", ("Input.Email", DemoAccounts.All[0].Email), ("Input.Password", DemoAccounts.Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("healthlinks.auth=", StringComparison.Ordinal)).Split(';')[0];

        await _a.DisposeAsync();
        _a = null;
        var clock = Stopwatch.StartNew();
        var onB = _b!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        var page = await onB.GetAsync(new Uri("/patients", UriKind.Relative));
        output.WriteLine($"node B served the signed-in page {clock.ElapsedMilliseconds} ms after node A stopped");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Find a patient", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientRegisteredOnNodeA_IsInNodeBsPopulation()
    {
        var before = await Population(_b!);
        Guid healthLink;
        await using (var db = _a!.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext())
        {
            var region = new Region("Two nodes");
            var link = new HealthLink(region.Id, "Two nodes Health Link");
            db.AddRange(region, link);
            await db.SaveChangesAsync();
            healthLink = link.Id;
        }

        var created = await _a.Services.GetRequiredService<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = healthLink, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) });
        Assert.True(created.Succeeded, string.Join("; ", created.Violations));
        var after = await Population(_b!);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.NotNull(after.IndexOf(created.Value));
    }

    [Fact]
    public async Task WhenBothNodesRunTheRemindersAtTheSameMoment_OnlyOneDoes()
    {
        var interval = TimeSpan.FromMinutes(60);
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        using var start = new ManualResetEventSlim();
        var rounds = new[] { _a!, _b! }.Select(node => Task.Run(async () =>
        {
            start.Wait();
            return await ReminderService.RunRound(node.Services, interval, log, CancellationToken.None);
        })).ToList();
        start.Set();
        var ran = await Task.WhenAll(rounds);
        Assert.Equal(1, ran.Count(r => r));

        // The holder renews its lease next round; the other still skips.
        var holder = ran[0] ? _a! : _b!;
        var other = ran[0] ? _b! : _a!;
        Assert.True(await ReminderService.RunRound(holder.Services, interval, log, CancellationToken.None));
        Assert.False(await ReminderService.RunRound(other.Services, interval, log, CancellationToken.None));
    }

    [Fact]
    public async Task WhenTheHoldersLeaseRunsOut_TheOtherNodeTakesIt()
    {
        var leasesA = _a!.Services.GetRequiredService<JobLeases>();
        var leasesB = _b!.Services.GetRequiredService<JobLeases>();
        Assert.True(await leasesA.TryTake("lease-test", TimeSpan.FromMilliseconds(300)));
        Assert.False(await leasesB.TryTake("lease-test", TimeSpan.FromMinutes(1)));
        await Task.Delay(400);
        Assert.True(await leasesB.TryTake("lease-test", TimeSpan.FromMinutes(1)));
        Assert.False(await leasesA.TryTake("lease-test", TimeSpan.FromMinutes(1)));
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        await using (var db = _b!.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext())
        {
            await db.Database.EnsureDeletedAsync();
        }

        await _b.DisposeAsync();
        _b = null;
    }

    public void Dispose()
    {
        _a?.Dispose();
        _b?.Dispose();
    }

    private static async Task<PopulationSnapshot> Population(Node node)
    {
        await using var db = node.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext();
        return await node.Services.GetRequiredService<PopulationCache>().Get(db, CancellationToken.None);
    }

    private sealed class Node(string connection) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:HealthLinks", connection);
            builder.UseSetting("Email:Outbox", Path.Combine(Path.GetTempPath(), "healthlinks-nodes-outbox"));
        }
    }
}
