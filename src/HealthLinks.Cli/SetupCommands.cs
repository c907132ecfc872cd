using System.CommandLine;

using HealthLinks.Data;
using HealthLinks.Features.Accounts;
using HealthLinks.Features.Administration;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

/// <summary>A fresh installation's first steps: the region, the Health Link and the first administrator; then more Health Links.</summary>
internal static class SetupCommands
{
    public static Command Setup()
    {
        var region = new Option<string>("--region") { Description = "The region's name (made if new).", Required = true };
        var healthLink = new Option<string>("--health-link") { Description = "The Health Link's name (made if new).", Required = true };
        var email = new Option<string>("--admin-email") { Description = "The first administrator's email.", Required = true };
        var name = new Option<string?>("--admin-name") { Description = "The administrator's name as others see it." };
        var passwordFile = PasswordFileOption();
        var command = new Command("setup", "Set up a fresh database: migrate it, make the region, the Health Link and its first administrator, and print a one-time link (24 hours) to choose the password.")
        {
            region, healthLink, email, name, passwordFile,
        };
        command.SetAction(async (parsed, ct) =>
        {
            if (!ReadPassword(parsed.GetValue(passwordFile), out var password))
            {
                return 1;
            }

            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            var result = await services.GetRequiredService<SetUpHealthLink.Handler>().Handle(
                new SetUpHealthLink.Command(parsed.GetValue(region)!, parsed.GetValue(healthLink)!, parsed.GetValue(email)!, parsed.GetValue(name), password), ct);
            if (!Report(result))
            {
                return 1;
            }

            var outcome = result.Value!;
            if (!outcome.RegionCreated && !outcome.HealthLinkCreated && !outcome.AdminCreated)
            {
                AnsiConsole.MarkupLine("Nothing was changed: the region, the Health Link and the administrator already exist.");
                return 0;
            }

            AnsiConsole.MarkupLineInterpolated($"Region: {(outcome.RegionCreated ? "made" : "already there")}. Health Link: {(outcome.HealthLinkCreated ? "made" : "already there")}. Administrator: made.");
            PrintLink(services, outcome.PasswordLink);
            return 0;
        });
        return command;
    }

    public static Command HealthLink()
    {
        var region = new Option<string>("--region") { Description = "The region it belongs to.", Required = true };
        var name = new Option<string>("--name") { Description = "The Health Link's name.", Required = true };
        var add = new Command("add", "Add a Health Link to a region.") { region, name };
        add.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            Guid? regionId;
            await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
            {
                var wanted = parsed.GetValue(region)!.Trim();
                regionId = await db.Regions.Where(r => r.Name == wanted).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
            }

            if (regionId is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]--region: no region is named '{parsed.GetValue(region)}'; 'healthlinks setup' makes the first one.[/]");
                return 1;
            }

            var result = await services.GetRequiredService<SaveHealthLink.Handler>().Handle(AccountRights.CommandLine, new SaveHealthLink.Command { RegionId = regionId.Value, Name = parsed.GetValue(name) }, ct);
            if (!Report(result))
            {
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"Health Link '{parsed.GetValue(name)}' added.");
            return 0;
        });
        return new Command("health-link", "Health Links.") { add };
    }

    public static Option<FileInfo?> PasswordFileOption() =>
        new("--password-file") { Description = "Set the password from this file's first line instead of printing a link (for scripted installs)." };

    /// <summary>The password from the file's first line; false (with the reason printed) when the file cannot be read.</summary>
    public static bool ReadPassword(FileInfo? file, out string? password)
    {
        password = null;
        if (file is null)
        {
            return true;
        }

        if (!file.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]--password-file: {file.FullName} does not exist.[/]");
            return false;
        }

        password = File.ReadLines(file.FullName).FirstOrDefault()?.TrimEnd('\r') ?? "";
        return true;
    }

    /// <summary>Prints each broken rule as "Field: message"; true when there were none.</summary>
    public static bool Report<T>(Features.Result<T> result)
    {
        foreach (var v in result.Violations)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{v.Field}: {v.Message}[/]");
        }

        return result.Succeeded;
    }

    public static void PrintLink(IServiceProvider services, string? path)
    {
        if (path is not null)
        {
            AnsiConsole.MarkupLine("The password is chosen at this one-time link (valid 24 hours; App:BaseUrl sets its address):");
            AnsiConsole.WriteLine(services.GetRequiredService<PasswordLinkEmail>().Url(path));
        }
    }
}
