using System.CommandLine;

using HealthLinks.Data;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class AuditCommands
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit's hash chain: names every event altered, removed or inserted after it was written; exits 1 if any.");
        verify.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            var checks = services.GetRequiredService<AuditChecks>();
            await using var db = await services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct);
            var total = await db.AuditEvents.LongCountAsync(ct);
            AuditVerification.Report? report = null;
            var seal = services.GetRequiredService<AuditSeal>();
            if (seal.ExistingKey() is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No audit key: set Audit:Key (base64) or Audit:KeyFile to the key the web host uses (by default {seal.KeyFile}). The chain cannot be verified without it.[/]");
                return 2;
            }

            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Checking the audit chain", maxValue: Math.Max(1, total));
                    report = await checks.Verify(new Progress<long>(n => task.Value = n), ct);
                    task.Value = task.MaxValue;
                });
            foreach (var problem in report!.Problems)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{problem.Message}[/]");
            }

            AnsiConsole.MarkupLineInterpolated($"Checked {report.Checked:N0} audit events: {(report.Intact ? "the chain is intact" : $"{report.Problems.Count} problems")}.");
            if (await AuditChecks.Head(db, ct) is { } head)
            {
                // Recorded in the head file too; print it to keep a copy elsewhere as well.
                AnsiConsole.MarkupLineInterpolated($"Head: event {head.Sequence}, hash {head.Hash}");
            }

            return report.Intact ? 0 : 1;
        });
        return new Command("audit", "The audit of access to personal health information.") { verify };
    }
}
