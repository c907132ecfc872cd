using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HealthLinks.Data;

/// <summary>The one model. Each database has a subclass only so that each keeps its own migrations folder.</summary>
public abstract class HealthLinksDb(DbContextOptions options) : IdentityDbContext<UserAccount>(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that protects sign-in cookies and forms: in the database, so every node and every restart shares it.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Infrastructure.Jobs.JobLease> JobLeases => Set<Infrastructure.Jobs.JobLease>();

    public DbSet<Domain.PlanReview> PlanReviews => Set<Domain.PlanReview>();

    public DbSet<HealthLink> HealthLinks => Set<HealthLink>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Provider> Providers => Set<Provider>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<RelatedPerson> RelatedPeople => Set<RelatedPerson>();

    public DbSet<CareTeamMember> CareTeamMembers => Set<CareTeamMember>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<EnrollmentStatusChange> EnrollmentStatusChanges => Set<EnrollmentStatusChange>();

    public DbSet<Encounter> Encounters => Set<Encounter>();

    public DbSet<Condition> Conditions => Set<Condition>();

    public DbSet<CarePlan> CarePlans => Set<CarePlan>();

    public DbSet<CarePlanVersion> CarePlanVersions => Set<CarePlanVersion>();

    public DbSet<PlanActionEntry> PlanActions => Set<PlanActionEntry>();

    public DbSet<CaregiverAccess> CaregiverAccesses => Set<CaregiverAccess>();

    public DbSet<SourceLink> SourceLinks => Set<SourceLink>();

    public DbSet<CostRecord> CostRecords => Set<CostRecord>();

    public DbSet<MedicationOrder> MedicationOrders => Set<MedicationOrder>();

    public DbSet<ScreeningRuleSet> ScreeningRuleSets => Set<ScreeningRuleSet>();

    public DbSet<ScreeningRun> ScreeningRuns => Set<ScreeningRun>();

    public DbSet<ScreeningResult> ScreeningResults => Set<ScreeningResult>();

    public DbSet<RiskModel> RiskModels => Set<RiskModel>();

    public DbSet<WorklistEntry> WorklistEntries => Set<WorklistEntry>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<InvitationAttempt> InvitationAttempts => Set<InvitationAttempt>();

    public DbSet<DataStamp> DataStamps => Set<DataStamp>();

    public DbSet<PopulationChange> PopulationChanges => Set<PopulationChange>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<PatientContact> PatientContacts => Set<PatientContact>();

    public DbSet<CareConference> CareConferences => Set<CareConference>();

    public DbSet<LeadHandOff> LeadHandOffs => Set<LeadHandOff>();

    public DbSet<SentReminder> SentReminders => Set<SentReminder>();

    public DbSet<ExperienceSurvey> ExperienceSurveys => Set<ExperienceSurvey>();

    public DbSet<MessageSender> MessageSenders => Set<MessageSender>();

    public DbSet<HospitalMessage> HospitalMessages => Set<HospitalMessage>();

    public DbSet<ServiceCategory> ServiceCategories => Set<ServiceCategory>();

    public DbSet<ServiceVolume> ServiceVolumes => Set<ServiceVolume>();

    public DbSet<ServicePerformance> ServicePerformances => Set<ServicePerformance>();

    public DbSet<IntegrationBriefNote> IntegrationBriefNotes => Set<IntegrationBriefNote>();

    public DbSet<Domain.Privacy.ConsentDirective> ConsentDirectives => Set<Domain.Privacy.ConsentDirective>();

    public DbSet<Domain.Privacy.BreakGlassAccess> BreakGlassAccesses => Set<Domain.Privacy.BreakGlassAccess>();

    public DbSet<Domain.Privacy.AuditEvent> AuditEvents => Set<Domain.Privacy.AuditEvent>();

    protected abstract string TrueLiteral { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PatientId>().HaveConversion<PatientIdConverter>();
        configurationBuilder.Properties<ProviderId>().HaveConversion<ProviderIdConverter>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HealthLinksDb).Assembly);

        // Entities make their own ids, so a new child reached through a navigation is an insert, not an update.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace == typeof(Patient).Namespace))
        {
            foreach (var key in entity.FindPrimaryKey()?.Properties ?? [])
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }

        // The change log numbers its rows itself: the cache reads them in order.
        builder.Entity<PopulationChange>().Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Entity<PopulationChange>().HasIndex(c => c.PatientId);

        // One open episode per patient, also when two people act at once.
        builder.Entity<Enrollment>().HasIndex(e => e.PatientId).IsUnique().HasFilter($"\"IsOpen\" = {TrueLiteral}");
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangedPopulation() is { } changed)
        {
            Stamp(DataStamps.Find(DataStamp.Population), changed);
        }

        PlanActionIndex.SyncNow(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangedPopulation() is { } changed)
        {
            Stamp(await DataStamps.FindAsync([DataStamp.Population], cancellationToken), changed);
        }

        await PlanActionIndex.Sync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The population stamp is renewed, and the patients changed are logged, in the same transaction as the change, so a
    /// screening copy is never current when the data is not, and a rolled-back change renews nothing.
    /// </summary>
    private void Stamp(DataStamp? stamp, IReadOnlyCollection<PatientId> changed)
    {
        PopulationChanges.AddRange(changed.Select(p => new PopulationChange(p)));
        if (stamp is null)
        {
            DataStamps.Add(new DataStamp(DataStamp.Population, Guid.NewGuid()));
        }
        else
        {
            stamp.Renew();
        }
    }

    private static readonly HashSet<string> ScreenedPatientFields = [nameof(Patient.HealthLinkId), nameof(Patient.DateOfBirth), nameof(Patient.Sex), nameof(Patient.DiedOn)];

    /// <summary>The patients whose screened data this save changes (a phone number is not), or null when it changes none.</summary>
    private HashSet<PatientId>? ChangedPopulation()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        HashSet<PatientId>? changed = null;
        foreach (var e in ChangeTracker.Entries())
        {
            var screened = e.State switch
            {
                EntityState.Added or EntityState.Deleted => e.Entity is Patient or Encounter or Condition or CostRecord or SourceLink,
                EntityState.Modified => e.Entity is Encounter or Condition or CostRecord or SourceLink
                    || (e.Entity is Patient && e.Properties.Any(p => p.IsModified && ScreenedPatientFields.Contains(p.Metadata.Name))),
                _ => false,
            };
            if (!screened)
            {
                continue;
            }

            changed ??= [];
            PatientId? patient = e.Entity switch
            {
                Patient p => p.Id,
                Encounter x => x.PatientId,
                Condition x => x.PatientId,
                CostRecord x => x.PatientId,
                SourceLink x => x.PatientId,
                _ => null,
            };
            if (patient is { } id)
            {
                changed.Add(id);
            }

            // A row moved from one patient to another changes both.
            if (e.State == EntityState.Modified && e.Metadata.FindProperty("PatientId") is { } property && e.OriginalValues[property] is PatientId before)
            {
                changed.Add(before);
            }
        }

        return changed;
    }

    private sealed class PatientIdConverter() : ValueConverter<PatientId, Guid>(id => id.Value, value => new PatientId(value));

    private sealed class ProviderIdConverter() : ValueConverter<ProviderId, Guid>(id => id.Value, value => new ProviderId(value));

    /// <summary>Times are stored in UTC; SQLite forgets the kind, so it is restored on read.</summary>
    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteHealthLinksDb(DbContextOptions<SqliteHealthLinksDb> options) : HealthLinksDb(options)
{
    protected override string TrueLiteral => "1";
}

public sealed class PostgresHealthLinksDb(DbContextOptions<PostgresHealthLinksDb> options) : HealthLinksDb(options)
{
    protected override string TrueLiteral => "TRUE";
}
