using HealthLinks.Data;
using HealthLinks.Features;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Demo;

/// <summary>Writes a deterministic synthetic region into an empty database: Health Links, organizations, providers and patients.</summary>
public static class SeedDemoPopulation
{
    public const int DefaultPatients = 5000;
    public const int DefaultSeed = 20261123;
    private const int BatchSize = 2000;

    public sealed record Command(int Patients = DefaultPatients, int Seed = DefaultSeed);

    public sealed record Summary(int Organizations, int Providers, int Patients, int Conditions, int Encounters, int Episodes, int Plans);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        /// <summary>Progress reports the number of patients written so far.</summary>
        public async Task<Result<Summary>> Handle(Command command, IProgress<int>? progress = null, CancellationToken ct = default)
        {
            if (command.Patients is < 0 or > 2_000_000)
            {
                return Result<Summary>.Failed("Patients", Domain.Rules.TooLong, "must be between 0 and 2,000,000");
            }

            await using (var check = await dbs.CreateDbContextAsync(ct))
            {
                if (await check.HealthLinks.AnyAsync(ct))
                {
                    return Result<Summary>.Failed("Database", Domain.Rules.DuplicateName, "the database already holds Health Links; seed only an empty database");
                }
            }

            var names = new DemoNames(command.Seed);
            var directory = DemoDirectory.Create(names);
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                db.Regions.Add(directory.Region);
                db.HealthLinks.AddRange(directory.HealthLinks);
                db.Organizations.AddRange(directory.Organizations);
                db.Providers.AddRange(directory.Providers);
                db.MessageSenders.AddRange(directory.MessageSenders(clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(ct);
            }

            var maker = new DemoPatients(names, directory, clock.GetUtcNow().UtcDateTime);
            int conditions = 0, encounters = 0, episodes = 0, plans = 0;
            for (var written = 0; written < command.Patients;)
            {
                var size = Math.Min(BatchSize, command.Patients - written);
                await using var db = await dbs.CreateDbContextAsync(ct);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = 0; i < size; i++)
                {
                    var made = maker.Next();
                    db.Patients.Add(made.Patient);
                    db.Conditions.AddRange(made.Conditions);
                    db.Encounters.AddRange(made.Encounters);
                    if (made.Plan is { } plan)
                    {
                        db.CarePlans.Add(plan);
                        db.CarePlanVersions.AddRange(plan.Versions);
                        plans++;
                    }

                    if (made.CaregiverAccess is { } access)
                    {
                        db.CaregiverAccesses.Add(access);
                    }

                    (conditions, encounters, episodes) = (conditions + made.Conditions.Count, encounters + made.Encounters.Count, episodes + made.Patient.Enrollments.Count);
                }

                await db.SaveChangesAsync(ct);
                written += size;
                progress?.Report(written);
            }

            return new Summary(directory.Organizations.Count, directory.Providers.Count, command.Patients, conditions, encounters, episodes, plans);
        }
    }
}
