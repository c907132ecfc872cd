using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class SourceLinkConfiguration : IEntityTypeConfiguration<SourceLink>
{
    public void Configure(EntityTypeBuilder<SourceLink> b)
    {
        b.HasIndex(l => new { l.Source, l.ResourceType, l.SourceId }).IsUnique();
        b.HasIndex(l => l.PatientId);
        b.Property(l => l.Source).HasMaxLength(20);
        b.Property(l => l.ResourceType).HasMaxLength(40);
        b.Property(l => l.SourceId).HasMaxLength(200);
    }
}

internal sealed class CostRecordConfiguration : IEntityTypeConfiguration<CostRecord>
{
    public void Configure(EntityTypeBuilder<CostRecord> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId);
        b.HasIndex(c => new { c.PatientId, c.At });
        b.Property(c => c.Amount).HasPrecision(14, 2);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.Source).HasMaxLength(20);
    }
}

internal sealed class MedicationOrderConfiguration : IEntityTypeConfiguration<MedicationOrder>
{
    public void Configure(EntityTypeBuilder<MedicationOrder> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId);
        b.HasIndex(m => m.PatientId);
        b.Property(m => m.Code).HasMaxLength(40);
        b.Property(m => m.Display).HasMaxLength(300);
        b.Property(m => m.Status).HasMaxLength(40);
        b.Property(m => m.Source).HasMaxLength(20);
    }
}

internal sealed class ScreeningRuleSetConfiguration : IEntityTypeConfiguration<ScreeningRuleSet>
{
    public void Configure(EntityTypeBuilder<ScreeningRuleSet> b)
    {
        b.HasOne<HealthLink>().WithMany().HasForeignKey(r => r.HealthLinkId);
        b.HasIndex(r => new { r.HealthLinkId, r.Version }).IsUnique();
        b.Property(r => r.SavedBy).HasMaxLength(256);
        b.Ignore(r => r.Criteria);
    }
}

internal sealed class ScreeningRunConfiguration : IEntityTypeConfiguration<ScreeningRun>
{
    public void Configure(EntityTypeBuilder<ScreeningRun> b)
    {
        b.HasOne<HealthLink>().WithMany().HasForeignKey(r => r.HealthLinkId);
        b.HasIndex(r => new { r.HealthLinkId, r.RanAt });
        b.Property(r => r.RanBy).HasMaxLength(256);
    }
}

internal sealed class ScreeningResultConfiguration : IEntityTypeConfiguration<ScreeningResult>
{
    public void Configure(EntityTypeBuilder<ScreeningResult> b)
    {
        b.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.RunId);
        b.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId);
        b.HasIndex(r => new { r.RunId, r.PatientId }).IsUnique();
        b.Property(r => r.Criteria).HasMaxLength(200);
    }
}

internal sealed class RiskModelConfiguration : IEntityTypeConfiguration<RiskModel>
{
    public void Configure(EntityTypeBuilder<RiskModel> b)
    {
        b.HasIndex(m => m.Version).IsUnique();
        b.Property(m => m.TrainedBy).HasMaxLength(256);
    }
}

internal sealed class WorklistEntryConfiguration : IEntityTypeConfiguration<WorklistEntry>
{
    public void Configure(EntityTypeBuilder<WorklistEntry> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(w => w.PatientId);
        b.HasOne<Provider>().WithMany().HasForeignKey(w => w.AssignedTo).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => w.PatientId).IsUnique();
        b.Property(w => w.AssignedBy).HasMaxLength(256);
        b.Property(w => w.DismissedBy).HasMaxLength(256);
        b.Property(w => w.DismissedReason).HasMaxLength(500);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId);
        b.HasOne<Enrollment>().WithMany().HasForeignKey(r => r.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.Status, r.ReceivedAt });
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.Property(r => r.ReferredBy).HasMaxLength(200);
        b.Property(r => r.ContactPhone).HasMaxLength(30);
        b.Property(r => r.ContactEmail).HasMaxLength(254);
        b.Property(r => r.GivenName).HasMaxLength(100);
        b.Property(r => r.FamilyName).HasMaxLength(100);
        b.Property(r => r.ReviewedBy).HasMaxLength(256);
        b.Property(r => r.DeclineReason).HasMaxLength(500);
    }
}

internal sealed class InvitationAttemptConfiguration : IEntityTypeConfiguration<InvitationAttempt>
{
    public void Configure(EntityTypeBuilder<InvitationAttempt> b)
    {
        b.HasOne<Enrollment>().WithMany().HasForeignKey(a => a.EnrollmentId);
        b.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId);
        b.HasIndex(a => a.EnrollmentId);
        b.Property(a => a.Note).HasMaxLength(1000);
        b.Property(a => a.By).HasMaxLength(256);
    }
}

internal sealed class DataStampConfiguration : IEntityTypeConfiguration<DataStamp>
{
    public void Configure(EntityTypeBuilder<DataStamp> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(40);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasIndex(n => new { n.RecipientKey, n.CreatedAt });
        b.Property(n => n.RecipientKey).HasMaxLength(256);
        b.Property(n => n.Kind).HasMaxLength(40);
        b.Property(n => n.Title).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(4000);
        b.Property(n => n.Link).HasMaxLength(300);
    }
}
