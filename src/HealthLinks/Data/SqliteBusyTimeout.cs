using System.Data.Common;

using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealthLinks.Data;

/// <summary>
/// SQLite has one writer at a time. Without a busy timeout, a writer that finds the file taken is told "busy" and the
/// driver sleeps 150 ms before trying again, so the listener's commit stalled whenever the follow-up was writing;
/// SQLite's own wait retries within a millisecond or two.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
