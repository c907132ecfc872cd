using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class PatientContactConfiguration : IEntityTypeConfiguration<PatientContact>
{
    public void Configure(EntityTypeBuilder<PatientContact> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId);
        b.HasIndex(c => new { c.PatientId, c.At });
        b.Property(c => c.With).HasMaxLength(200);
        b.Property(c => c.Summary).HasMaxLength(4000);
        b.Property(c => c.GoalProgress).HasMaxLength(2000);
        b.Property(c => c.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class ConsentDirectiveConfiguration : IEntityTypeConfiguration<ConsentDirective>
{
    public void Configure(EntityTypeBuilder<ConsentDirective> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever();
        b.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId);
        b.HasIndex(d => d.PatientId);
        b.Property(d => d.InstructedByName).HasMaxLength(200);
        b.Property(d => d.RecordedBy).HasMaxLength(256);
        b.Property(d => d.EndedBy).HasMaxLength(256);
        b.Property(d => d.EndedReason).HasMaxLength(500);
        b.Property(d => d.Withholds).HasConversion<int>();
    }
}

internal sealed class BreakGlassAccessConfiguration : IEntityTypeConfiguration<BreakGlassAccess>
{
    public void Configure(EntityTypeBuilder<BreakGlassAccess> b)
    {
        b.Property(g => g.Id).ValueGeneratedNever();
        b.HasOne<Patient>().WithMany().HasForeignKey(g => g.PatientId);
        b.HasIndex(g => new { g.PatientId, g.UserId, g.ExpiresAt });
        b.HasIndex(g => g.StartedAt);
        b.Property(g => g.UserId).HasMaxLength(450);
        b.Property(g => g.UserName).HasMaxLength(256);
        b.Property(g => g.Reason).HasMaxLength(1000);
        b.Property(g => g.ReviewedBy).HasMaxLength(256);
        b.Property(g => g.ReviewNote).HasMaxLength(1000);
    }
}

/// <summary>No foreign keys: the audit outlives what it speaks of. The sequence is the key, so two writers cannot both extend the chain from one event.</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.HasIndex(e => new { e.PatientId, e.At });
        b.HasIndex(e => new { e.UserId, e.At });
        b.HasIndex(e => e.At);
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Role).HasMaxLength(40);
        b.Property(e => e.What).HasMaxLength(100);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Property(e => e.KeyId).HasMaxLength(16);
    }
}
