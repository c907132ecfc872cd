using System.CommandLine;

using HealthLinks.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class DatabaseCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending migrations to the configured database.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            AnsiConsole.MarkupLineInterpolated($"[green]Database is up to date[/] ({db.Database.ProviderName}); applied {pending.Count} migration(s).");
            return 0;
        });
        return new Command("db", "Database administration.") { migrate };
    }
}
