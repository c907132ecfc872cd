using System.CommandLine;

using HealthLinks.Data;
using HealthLinks.Features.Accounts;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

/// <summary>Accounts from the command line: the installer's tools before (and beside) the administration pages.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var users = new Command("users", "Accounts: add, list, disable, enable, unlock, send a new password link.") { Add(), List() };
        foreach (var change in Enum.GetValues<ChangeAccount.Change>())
        {
            users.Subcommands.Add(Change(change));
        }

        return users;
    }

    private static Command Add()
    {
        var email = new Option<string>("--email") { Description = "The person's email: they sign in with it.", Required = true };
        var role = new Option<string[]>("--role") { Description = $"One or more of: {string.Join(", ", Roles.All)}.", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Their name as others see it (else the linked record's name, else the email)." };
        var healthLink = new Option<string?>("--health-link") { Description = "The Health Link they work in (care coordinators and administrators need one)." };
        var provider = new Option<string?>("--provider-email") { Description = "Link the account to the directory's provider with this email." };
        var passwordFile = SetupCommands.PasswordFileOption();
        var add = new Command("add", "Add an account; prints a one-time link (24 hours) to choose the password, also sent by email.") { email, role, name, healthLink, provider, passwordFile };
        add.SetAction(async (parsed, ct) =>
        {
            if (!SetupCommands.ReadPassword(parsed.GetValue(passwordFile), out var password))
            {
                return 1;
            }

            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            var command = new CreateAccount.Command { Email = parsed.GetValue(email), DisplayName = parsed.GetValue(name), Roles = [.. parsed.GetValue(role) ?? []], Password = password };
            await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
            {
                if (parsed.GetValue(healthLink) is { } wanted)
                {
                    command.HealthLinkId = await db.HealthLinks.Where(h => h.Name == wanted.Trim()).Select(h => (Guid?)h.Id).SingleOrDefaultAsync(ct);
                    if (command.HealthLinkId is null)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[red]--health-link: no Health Link is named '{wanted}'.[/]");
                        return 1;
                    }
                }

                if (parsed.GetValue(provider) is { } providerEmail)
                {
                    var matches = await db.Providers.Where(p => p.Email == providerEmail.Trim()).Select(p => p.Id).Take(2).ToListAsync(ct);
                    if (matches.Count != 1)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[red]--provider-email: {(matches.Count == 0 ? "no provider in the directory has" : "more than one provider has")} the email '{providerEmail}'.[/]");
                        return 1;
                    }

                    command.ProviderId = matches[0];
                }
            }

            var result = await services.GetRequiredService<CreateAccount.Handler>().Handle(AccountRights.CommandLine, command, ct);
            if (!SetupCommands.Report(result))
            {
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"Account {command.Email} added.");
            SetupCommands.PrintLink(services, result.Value!.PasswordLink);

            return 0;
        });
        return add;
    }

    private static Command List()
    {
        var list = new Command("list", "List every account with its roles, Health Link, status and last sign-in.");
        list.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            var rows = await services.GetRequiredService<AccountList.Handler>().Handle(AccountRights.CommandLine, ct);
            var table = new Table().AddColumns("Email", "Name", "Roles", "Health Link", "Status", "Last sign-in (UTC)");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Email), Markup.Escape(r.Name), string.Join(", ", r.Roles), Markup.Escape(r.HealthLink ?? ""), r.Status.ToString(), r.LastSignIn?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"{rows.Count} account(s).");
            return 0;
        });
        return list;
    }

    private static Command Change(ChangeAccount.Change change)
    {
        var email = new Option<string>("--email") { Description = "The account's email.", Required = true };
        var (name, description) = change switch
        {
            ChangeAccount.Change.Disable => ("disable", "Disable an account: it cannot sign in, and its open sessions end now."),
            ChangeAccount.Change.Enable => ("enable", "Enable a disabled account again."),
            ChangeAccount.Change.Unlock => ("unlock", "Unlock an account locked by failed sign-ins."),
            _ => ("password-link", "Send (and print) a new one-time link to choose a password; earlier links stop working."),
        };
        var command = new Command(name, description) { email };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            string? id;
            await using (var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
            {
                var normalized = parsed.GetValue(email)!.Trim().ToUpperInvariant();
                id = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
            }

            if (id is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]--email: no account has the email '{parsed.GetValue(email)}'.[/]");
                return 1;
            }

            var result = await services.GetRequiredService<ChangeAccount.Handler>().Handle(AccountRights.CommandLine, id, change, ct);
            if (!SetupCommands.Report(result))
            {
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"{parsed.GetValue(email)}: {name} done.");
            SetupCommands.PrintLink(services, result.Value);
            return 0;
        });
        return command;
    }
}
