using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> b)
    {
        b.HasIndex(p => p.PatientId).IsUnique();
        b.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.CreatedBy).HasMaxLength(256);
        b.Property(p => p.UpdatedBy).HasMaxLength(256);
        b.Property(p => p.LastReviewedBy).HasMaxLength(256);
        b.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.CarePlanId);
        b.Ignore(p => p.Document);
    }
}

internal sealed class CarePlanVersionConfiguration : IEntityTypeConfiguration<CarePlanVersion>
{
    public void Configure(EntityTypeBuilder<CarePlanVersion> b)
    {
        b.HasIndex(v => new { v.CarePlanId, v.Number }).IsUnique();
        b.Property(v => v.SavedBy).HasMaxLength(256);
        b.Property(v => v.Summary).HasMaxLength(2000);
        b.Ignore(v => v.Document);
    }
}

internal sealed class CaregiverAccessConfiguration : IEntityTypeConfiguration<CaregiverAccess>
{
    public void Configure(EntityTypeBuilder<CaregiverAccess> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId);
        b.HasOne<RelatedPerson>().WithMany().HasForeignKey(a => a.RelatedPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.Email);
        b.Property(a => a.Email).HasMaxLength(254);
        b.Property(a => a.GrantedBy).HasMaxLength(256);
        b.Property(a => a.RevokedBy).HasMaxLength(256);
        b.Property(a => a.RevokedReason).HasMaxLength(500);
    }
}
