using System.CommandLine;
using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Bench;

/// <summary>How long /my-work takes for a provider with 2,000 open actions across 300 patients: real HTTP requests, median of repeated requests.</summary>
internal static class MyWorkBenchmark
{
    public const int Patients = 300;
    public const int Actions = 2000;

    public static Command Command()
    {
        var requestsOption = new Option<int>("--requests") { Description = "Timed requests", DefaultValueFactory = _ => 50 };
        var command = new Command("my-work", $"Times /my-work for a provider with {Actions:N0} open actions across {Patients} patients.") { requestsOption };
        command.SetAction(async (parse, ct) => await Run(parse.GetValue(requestsOption), ct));
        return command;
    }

    private static async Task<int> Run(int requests, CancellationToken ct)
    {
        await using var app = new BenchApp();
        app.Start();
        var email = await Seed(app);
        using var client = await app.SignedIn(email, DemoAccounts.Password);
        var page = await client.GetStringAsync(new Uri("my-work", UriKind.Relative), ct);
        if (!page.Contains($"Actions shown: {Actions} ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("/my-work did not list the provider's actions; nothing would be measured.");
        }

        Console.WriteLine($"/my-work: {Actions:N0} open actions across {Patients} patients; SQLite; {requests} requests after 3 warm-up; {Environment.ProcessorCount} cores");
        var (times, size) = await PlanBenchmark.Time(client, "my-work", requests, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {PlanBenchmark.Percentile(times, 0.5):F1} ms, p90 {PlanBenchmark.Percentile(times, 0.9):F1} ms, min {times.Min():F1} ms, {size / 1024.0:F0} KB (first page of 50 rows)"));
        return 0;
    }

    /// <summary>300 patients, each with a plan whose actions (2,000 in all, a third overdue) belong to one nurse, who gets an account.</summary>
    private static async Task<string> Seed(BenchApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
        await DemoAccounts.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(), scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), db);
        var region = new Region("Bench region");
        var healthLink = new HealthLink(region.Id, "Bench Health Link");
        var organization = new Organization(region.Id, "Bench Home Care", OrganizationKind.HomeAndCommunityCare);
        var coordinator = new Provider(organization.Id, "Lucie", "Lavoie", Profession.CareCoordinator);
        var nurse = new Provider(organization.Id, "Nora", "Nguyen", Profession.RegisteredNurse);
        db.AddRange(region, healthLink, organization, coordinator, nurse);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var created = DateTime.UtcNow.AddDays(-60);
        for (var i = 0; i < Patients; i++)
        {
            var patient = new Patient(healthLink.Id, new PatientDetails { GivenName = $"Given{i}", FamilyName = $"Family{i:D3}", DateOfBirth = new DateOnly(1940 + i % 40, 1 + i % 12, 1 + i % 28) }, today);
            patient.AddProviderToTeam(coordinator.Id, "Lead care coordinator", today.AddDays(-90), isLead: true);
            var member = patient.AddProviderToTeam(nurse.Id, "Home care nurse", today.AddDays(-90));
            var count = Actions / Patients + (i < Actions % Patients ? 1 : 0);
            var document = new CarePlanDocument
            {
                Goals =
                [
                    new Goal
                    {
                        InMyWords = "Stay at home safely",
                        Actions = [.. Enumerable.Range(0, count).Select(a => new PlanAction
                        {
                            What = $"Visit {a + 1}: check wounds and medications",
                            ResponsibleMemberId = member.Id,
                            TargetDate = today.AddDays((a % 3 == 0 ? -10 : 5) + a),
                            Status = ActionStatus.InProgress,
                        })],
                    },
                ],
            };
            var plan = new CarePlan(patient.Id, "bench", created);
            plan.Save(document, 0, new HashSet<Guid> { member.Id, patient.CareTeam[0].Id }, new CompletenessFacts(false, 2), "bench", created);
            db.AddRange(patient, plan);
        }

        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = new UserAccount { UserName = "nurse@bench.example.org", Email = "nurse@bench.example.org", ProviderId = nurse.Id };
        await users.CreateAsync(account, DemoAccounts.Password);
        await users.AddToRoleAsync(account, Roles.Provider);
        return account.Email;
    }
}
