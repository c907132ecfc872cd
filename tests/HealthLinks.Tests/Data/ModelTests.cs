using HealthLinks.Data;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Tests.Data;

public class ModelTests
{
    [Fact]
    public void Sqlite_HasNoModelChangesMissingAMigration()
    {
        using var db = new SqliteHealthLinksDb(new DbContextOptionsBuilder<SqliteHealthLinksDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteHealthLinksDb --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void Postgres_HasNoModelChangesMissingAMigration()
    {
        using var db = new PostgresHealthLinksDb(new DbContextOptionsBuilder<PostgresHealthLinksDb>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresHealthLinksDb --output-dir Data/Migrations/Postgres");
    }

    [Fact]
    public void BothDatabases_HaveTheSameMigrations()
    {
        using var sqlite = new SqliteHealthLinksDb(new DbContextOptionsBuilder<SqliteHealthLinksDb>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresHealthLinksDb(new DbContextOptionsBuilder<PostgresHealthLinksDb>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
