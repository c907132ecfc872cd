using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

using Npgsql;

namespace HealthLinks.Data;

/// <summary>
/// Contexts for heavy reads (reports, audit searches). With ConnectionStrings:HealthLinksReadOnly set (a PostgreSQL
/// streaming replica), they read there and never write, even when pointed at a primary by mistake (every transaction is
/// read-only); without it, they read the one database. A replica may be a moment behind: nothing read here is then
/// written back.
/// </summary>
public sealed class ReadOnlyDbs
{
    private readonly IDbContextFactory<HealthLinksDb> _primary;
    private readonly DbContextOptions<PostgresHealthLinksDb>? _replica;

    public ReadOnlyDbs(IDbContextFactory<HealthLinksDb> primary, IConfiguration configuration)
    {
        _primary = primary;
        var replica = configuration.GetConnectionString("HealthLinksReadOnly");
        if (string.IsNullOrWhiteSpace(replica))
        {
            return;
        }

        if (DatabaseSetup.Read(configuration).Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("ConnectionStrings:HealthLinksReadOnly is for a PostgreSQL replica; SQLite has none.");
        }

        var readOnly = new NpgsqlConnectionStringBuilder(replica) { Options = "-c default_transaction_read_only=on" };
        _replica = new DbContextOptionsBuilder<PostgresHealthLinksDb>()
            .UseNpgsql(readOnly.ConnectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
    }

    /// <summary>True when reads go to a replica.</summary>
    public bool UsesReplica => _replica is not null;

    public async Task<HealthLinksDb> CreateDbContextAsync(CancellationToken ct = default) =>
        _replica is null ? await _primary.CreateDbContextAsync(ct) : new PostgresHealthLinksDb(_replica);
}
