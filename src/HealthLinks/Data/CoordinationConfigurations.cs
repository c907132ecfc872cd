using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class PlanActionEntryConfiguration : IEntityTypeConfiguration<PlanActionEntry>
{
    public void Configure(EntityTypeBuilder<PlanActionEntry> b)
    {
        b.ToTable("PlanActions");
        b.HasKey(a => new { a.CarePlanId, a.ActionId });
        b.HasOne<CarePlan>().WithMany().HasForeignKey(a => a.CarePlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.ResponsibleMemberId, a.IsOpen });
        b.HasIndex(a => new { a.PatientId, a.IsOpen });
        b.HasIndex(a => new { a.IsOpen, a.TargetDate });
        b.Property(a => a.Goal).HasMaxLength(500);
        b.Property(a => a.What).HasMaxLength(500);
        b.Property(a => a.ReferralService).HasMaxLength(200);
        b.Property(a => a.Fingerprint).HasMaxLength(64);
        b.Property(a => a.WithheldAs).HasConversion<int>();
    }
}

internal sealed class CareConferenceConfiguration : IEntityTypeConfiguration<CareConference>
{
    public void Configure(EntityTypeBuilder<CareConference> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId);
        b.HasIndex(c => new { c.PatientId, c.StartsAt });
        b.HasIndex(c => c.StartsAt);
        b.Property(c => c.Place).HasMaxLength(300);
        b.Property(c => c.VideoLink).HasMaxLength(500);
        b.Property(c => c.OrganizerName).HasMaxLength(200);
        b.Property(c => c.OrganizerEmail).HasMaxLength(254);
        b.Property(c => c.Notes).HasMaxLength(8000);
        b.Property(c => c.RecordedBy).HasMaxLength(256);
        b.Ignore(c => c.EndsAt);
        b.HasMany(c => c.Invitees).WithOne().HasForeignKey(i => i.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Decisions).WithOne().HasForeignKey(d => d.ConferenceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Invitees).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ConferenceInviteeConfiguration : IEntityTypeConfiguration<ConferenceInvitee>
{
    public void Configure(EntityTypeBuilder<ConferenceInvitee> b)
    {
        b.HasIndex(i => i.Email);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Email).HasMaxLength(254);
    }
}

internal sealed class ConferenceDecisionConfiguration : IEntityTypeConfiguration<ConferenceDecision>
{
    public void Configure(EntityTypeBuilder<ConferenceDecision> b) => b.Property(d => d.Text).HasMaxLength(2000);
}

internal sealed class LeadHandOffConfiguration : IEntityTypeConfiguration<LeadHandOff>
{
    public void Configure(EntityTypeBuilder<LeadHandOff> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(h => h.PatientId);
        b.HasOne<Provider>().WithMany().HasForeignKey(h => h.FromProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(h => h.ToProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.PatientId, h.ProposedAt });
        b.HasIndex(h => new { h.ToProviderId, h.Status });
        b.Property(h => h.Note).HasMaxLength(4000);
        b.Property(h => h.ProposedBy).HasMaxLength(256);
        b.Property(h => h.RespondedBy).HasMaxLength(256);
        b.Property(h => h.DeclineReason).HasMaxLength(1000);
    }
}

internal sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> b)
    {
        b.HasKey(r => r.Key);
        b.Property(r => r.Key).HasMaxLength(200);
    }
}
