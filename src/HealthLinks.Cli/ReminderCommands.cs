using System.CommandLine;

using HealthLinks.Features.Reminders;

using Microsoft.Extensions.DependencyInjection;

using Spectre.Console;

namespace HealthLinks.Cli;

internal static class ReminderCommands
{
    public static Command Create()
    {
        var job = new Option<string[]>("--job") { Description = $"Only these jobs: {string.Join(", ", ReminderJobs.All)}", AllowMultipleArgumentsPerToken = true };
        job.AcceptOnlyFromAmong([.. ReminderJobs.All]);
        var run = new Command("run", "Run the reminder jobs now (overdue actions to the lead, stale referrals to the receiving partner, plan reviews due). Safe to repeat: nothing is sent twice.") { job };
        run.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            var jobs = services.GetRequiredService<ReminderJobs>();
            var chosen = parse.GetValue(job) is { Length: > 0 } only ? only : ReminderJobs.All;
            foreach (var name in chosen)
            {
                var sent = await jobs.Run(name, ct);
                AnsiConsole.MarkupLineInterpolated($"{name}: {sent} reminders sent");
            }

            return 0;
        });
        return new Command("reminders", "Reminders to the care team.") { run };
    }
}
