using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class MessageSenderConfiguration : IEntityTypeConfiguration<MessageSender>
{
    public void Configure(EntityTypeBuilder<MessageSender> b)
    {
        b.HasIndex(s => s.FacilityCode).IsUnique();
        b.Property(s => s.FacilityCode).HasMaxLength(200);
        b.Property(s => s.AllowedAddresses).HasMaxLength(1000);
        b.Property(s => s.AddedBy).HasMaxLength(256);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId);
        b.HasOne<HealthLink>().WithMany().HasForeignKey(s => s.HealthLinkId);
    }
}

internal sealed class HospitalMessageConfiguration : IEntityTypeConfiguration<HospitalMessage>
{
    public void Configure(EntityTypeBuilder<HospitalMessage> b)
    {
        // Exactly once: one accepted message per sender and control id, also with two listeners at once.
        b.HasIndex(m => new { m.Sender, m.ControlId }).IsUnique().HasFilter("\"Ack\" = 'AA'").HasDatabaseName("IX_HospitalMessages_Accepted");

        // A resend is looked up by sender, control id and content whatever its reply was: the partial index above cannot
        // serve that, and a sender reusing a control id thousands of times must still cost one row.
        b.HasIndex(m => new { m.Sender, m.ControlId, m.ContentHash });
        b.HasIndex(m => m.ReceivedAt);
        b.HasIndex(m => new { m.SenderId, m.ReceivedAt });
        b.HasIndex(m => m.PatientId);
        b.HasIndex(m => m.FollowedUp).HasFilter("\"Ack\" = 'AA'");
        b.Property(m => m.Sender).HasMaxLength(400);
        b.Property(m => m.ControlId).HasMaxLength(200);
        b.Property(m => m.Event).HasMaxLength(10);
        b.Property(m => m.RemoteAddress).HasMaxLength(64);
        b.Property(m => m.ContentHash).HasMaxLength(64);
        b.Property(m => m.Ack).HasMaxLength(2);
        b.Property(m => m.Error).HasMaxLength(500);
        b.Property(m => m.Outcome).HasMaxLength(200);
    }
}
