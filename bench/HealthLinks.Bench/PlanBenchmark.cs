using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

using HealthLinks.Demo;

namespace HealthLinks.Bench;

/// <summary>How long the plan page, the print view and the PDF take for a plan with 20 goals and 60 actions: real HTTP requests to the real host on SQLite, signed in as a coordinator; median of repeated requests.</summary>
internal static class PlanBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("HealthLinks benchmarks; each prints its own figures.") { Command(), Screening.ScreeningBenchmark.Command(), AuditOverheadBenchmark.Command(), MyWorkBenchmark.Command(), Reports.ReportsBenchmark.Command(), Messages.MessagesBenchmark.Command(), Regional.RegionalBenchmark.Command() };
        return await root.Parse(args).InvokeAsync();
    }

    private static Command Command()
    {
        var requestsOption = new Option<int>("--requests") { Description = "Timed requests per address", DefaultValueFactory = _ => 30 };
        var command = new Command("plan", "Times the care plan page and PDF for a large plan.") { requestsOption };
        command.SetAction(async (parse, ct) => await Run(parse.GetValue(requestsOption), ct));
        return command;
    }

    private static async Task<int> Run(int requests, CancellationToken ct)
    {
        await using var app = new BenchApp();
        app.Start();
        var patient = await app.BigPlanPatient();

        using var client = await app.SignedIn(await app.LeadOf(patient), DemoAccounts.Password);
        Console.WriteLine($"Plan with {BigPlan.Goals} goals and {BigPlan.Goals * BigPlan.ActionsPerGoal} actions; SQLite; {requests} requests each after 3 warm-up; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"",-12} {"median",9} {"p90",9} {"min",9} {"size",9}");
        foreach (var (name, path) in new[] { ("plan page", $"patients/{patient}/plan"), ("print view", $"patients/{patient}/plan/print"), ("PDF", $"patients/{patient}/plan/pdf") })
        {
            var (times, size) = await Time(client, path, requests, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {Percentile(times, 0.5),6:F1} ms {Percentile(times, 0.9),6:F1} ms {times.Min(),6:F1} ms {size / 1024.0,6:F0} KB"));
        }

        return 0;
    }

    internal static async Task<(List<double> Times, long Size)> Time(HttpClient client, string path, int requests, CancellationToken ct)
    {
        var uri = new Uri(path, UriKind.Relative);
        var times = new List<double>();
        long size = 0;
        for (var i = -3; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(uri, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            clock.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
            }

            size = body.Length;
            if (i >= 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (times, size);
    }

    internal static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }
}
