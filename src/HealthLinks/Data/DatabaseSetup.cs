using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the database from configuration: Database:Provider (Sqlite, the default, or Postgres) and ConnectionStrings:HealthLinks.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/healthlinks.db";

    public static (DatabaseProvider Provider, string ConnectionString) Read(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{name}'.");
        }

        var connectionString = configuration.GetConnectionString("HealthLinks");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:HealthLinks is required for PostgreSQL.");
        }

        return (provider, provider == DatabaseProvider.Sqlite ? AnchorSqlitePath(connectionString) : connectionString);
    }

    /// <summary>
    /// A relative SQLite path is taken from the source checkout's root when running from source (so the web host and the
    /// CLI share one file), otherwise from the current directory. The folder is created if missing.
    /// </summary>
    public static string AnchorSqlitePath(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:")
        {
            builder.DataSource = AnchorPath(builder.DataSource);
        }

        return builder.ToString();
    }

    /// <summary>A relative path of the product's own files (database, audit key), anchored as the SQLite path is; its folder is created.</summary>
    public static string AnchorPath(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(SourceRoot() ?? Directory.GetCurrentDirectory(), path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return full;
    }

    internal static string? SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthLinks.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Registers IDbContextFactory&lt;HealthLinksDb&gt; and a scoped HealthLinksDb for the chosen database.</summary>
    public static IServiceCollection AddHealthLinksData(this IServiceCollection services, IConfiguration configuration)
    {
        var (provider, connectionString) = Read(configuration);
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextFactory<SqliteHealthLinksDb>(o => Configure(o, provider, connectionString));
            services.AddSingleton<IDbContextFactory<HealthLinksDb>>(sp => new Upcast<SqliteHealthLinksDb>(sp.GetRequiredService<IDbContextFactory<SqliteHealthLinksDb>>()));
        }
        else
        {
            services.AddDbContextFactory<PostgresHealthLinksDb>(o => Configure(o, provider, connectionString));
            services.AddSingleton<IDbContextFactory<HealthLinksDb>>(sp => new Upcast<PostgresHealthLinksDb>(sp.GetRequiredService<IDbContextFactory<PostgresHealthLinksDb>>()));
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext());
        services.AddSingleton<ReadOnlyDbs>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance);
        }
        else
        {
            options.UseNpgsql(connectionString);
        }
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<HealthLinksDb>
        where T : HealthLinksDb
    {
        public HealthLinksDb CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Lets dotnet-ef build each context when adding migrations; never used at run time.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHealthLinksDb>
{
    public SqliteHealthLinksDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHealthLinksDb>().UseSqlite(DatabaseSetup.DefaultSqlite).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHealthLinksDb>
{
    public PostgresHealthLinksDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHealthLinksDb>().UseNpgsql("Host=127.0.0.1;Database=healthlinks").Options);
}
