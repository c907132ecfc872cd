using System.Diagnostics;

using HealthLinks.Data;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Npgsql;

using Xunit.Abstractions;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// Heavy reads on a PostgreSQL streaming replica (ConnectionStrings:HealthLinksReadOnly): scripts/test starts one beside
/// the primary, from Debian's PostgreSQL, with pg_basebackup.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly string _database = $"healthlinks_replica_{Guid.NewGuid():N}";
    private Host? _host;

    private static string Server(string variable) => Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"Set {variable}, or run scripts/test, which starts PostgreSQL and its replica and sets it.");

    public Task InitializeAsync()
    {
        _host = new Host(Server("HEALTHLINKS_TEST_POSTGRES") + $";Database={_database}", Server("HEALTHLINKS_TEST_POSTGRES_REPLICA") + $";Database={_database}");
        _ = _host.Server; // migrates the primary
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheAuditSearch_ReadsTheReplica_WhichHasWhatThePrimaryWrote_AndRefusesWrites()
    {
        var reads = _host!.Services.GetRequiredService<ReadOnlyDbs>();
        Assert.True(reads.UsesReplica);
        await using (var replica = await reads.CreateDbContextAsync())
        {
            Assert.True(await replica.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync());
        }

        var officer = new Viewer("replica-officer", "officer@replica.test", [Roles.PrivacyOfficer], null, null, null, AuditSource.Web);
        var clerk = new Viewer("replica-clerk", "clerk@replica.test", [Roles.CareCoordinator], null, null, null, AuditSource.Web);
        await _host.Services.GetRequiredService<AuditTrail>().Append(clerk, null, "Worklist", AuditAction.View, AuditOutcome.Allowed, AccessBasis.HealthLinkRole);

        // Streaming is fast but not instant: the event shows on the replica within seconds.
        var search = _host.Services.GetRequiredService<AuditSearch.Handler>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = await search.Search(officer, new AuditSearch.Filter { User = "clerk@replica.test" });
            Assert.True(rows.Succeeded);
            if (rows.Value!.Count == 1)
            {
                break;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the replica did not receive the primary's audit event in 30 s");
            await Task.Delay(50);
        }

        output.WriteLine($"the replica had the primary's write after {clock.ElapsedMilliseconds} ms");

        await using (var replica = await reads.CreateDbContextAsync())
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => replica.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        }
    }

    public async Task DisposeAsync()
    {
        await using (var db = _host!.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext())
        {
            await db.Database.EnsureDeletedAsync();
        }

        await _host.DisposeAsync();
        _host = null;
    }

    public void Dispose() => _host?.Dispose();

    private sealed class Host(string primary, string replica) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:HealthLinks", primary);
            builder.UseSetting("ConnectionStrings:HealthLinksReadOnly", replica);
            builder.UseSetting("Email:Outbox", Path.Combine(Path.GetTempPath(), "healthlinks-replica-outbox"));
        }
    }
}
