using System.CommandLine;
using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench;

/// <summary>What the audit adds to the patient overview: the same requests to two hosts, one writing its audit events and one not.</summary>
internal static class AuditOverheadBenchmark
{
    public static Command Command()
    {
        var requestsOption = new Option<int>("--requests") { Description = "Timed requests per host", DefaultValueFactory = _ => 200 };
        var command = new Command("audit", "Times the patient overview with and without writing the audit.") { requestsOption };
        command.SetAction(async (parse, ct) => await Run(parse.GetValue(requestsOption), ct));
        return command;
    }

    private static async Task<int> Run(int requests, CancellationToken ct)
    {
        Console.WriteLine($"Patient overview, SQLite, {requests} requests per host after 3 warm-up, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"",-16} {"median",9} {"p90",9} {"min",9} {"audit events",13}");
        var medians = new List<double>();
        foreach (var withoutAudit in new[] { false, true, false, true })
        {
            await using var app = new BenchApp(withoutAudit);
            app.Start();
            var patient = await app.BigPlanPatient();

            using var client = await app.SignedIn(await app.LeadOf(patient), DemoAccounts.Password);
            var (times, _) = await PlanBenchmark.Time(client, $"patients/{patient}", requests, ct);
            long events;
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContextAsync(ct))
            {
                events = await db.AuditEvents.LongCountAsync(ct);
            }

            var median = PlanBenchmark.Percentile(times, 0.5);
            medians.Add(withoutAudit ? -median : median);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(withoutAudit ? "without audit" : "with audit"),-16} {median,6:F2} ms {PlanBenchmark.Percentile(times, 0.9),6:F2} ms {times.Min(),6:F2} ms {events,13:N0}"));
        }

        var with = medians.Where(m => m > 0).Average();
        var without = -medians.Where(m => m < 0).Average();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The audit adds {with - without:F2} ms to the median ({(with - without) / without:P0})."));
        return 0;
    }
}

/// <summary>Decides as the product does but stores nothing: the "without" side of the comparison only.</summary>
internal sealed class UnwrittenAuditTrail(IDbContextFactory<HealthLinksDb> dbs, AuditSeal seal, TimeProvider clock) : AuditTrail(dbs, seal, clock)
{
    public override Task<AuditEvent> Append(Viewer viewer, PatientId? patient, string what, AuditAction action, AuditOutcome outcome, AccessBasis purpose, CancellationToken ct = default) =>
        Task.FromResult(new AuditEvent(0, DateTime.UtcNow, viewer.UserId, viewer.UserName, viewer.Role, patient, what, action, outcome, purpose, viewer.Source, AuditEvent.Genesis, Key));

    private static readonly AuditKey Key = AuditKey.New();
}
