using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HealthLinks.Data;

/// <summary>
/// Backing up and restoring the embedded SQLite database with SQLite's online backup: a consistent copy while the
/// product runs, page by page. PostgreSQL is backed up with its own tools (pg_dump and pg_restore; see the README).
/// </summary>
public static class Backups
{
    /// <summary>Copies the configured database to <paramref name="file"/> (made or replaced), as it stands now.</summary>
    public static void Backup(IConfiguration configuration, string file)
    {
        using var source = Open(configuration);
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            File.Delete(target);
        }

        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        copy.Open();
        source.BackupDatabase(copy);
    }

    /// <summary>Replaces the configured database's content with the backup's. Stop the web host first.</summary>
    public static void Restore(IConfiguration configuration, string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"no backup at {Path.GetFullPath(file)}", file);
        }

        using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        backup.Open();
        using var target = Open(configuration);
        backup.BackupDatabase(target);
    }

    private static SqliteConnection Open(IConfiguration configuration)
    {
        var (provider, connectionString) = DatabaseSetup.Read(configuration);
        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("'healthlinks backup' and 'restore' are for the embedded SQLite database; back up PostgreSQL with pg_dump -Fc and restore it with pg_restore (README, 'Backup and restore').");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
