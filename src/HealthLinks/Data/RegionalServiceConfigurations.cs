using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class ServiceCategoryConfiguration : IEntityTypeConfiguration<ServiceCategory>
{
    public void Configure(EntityTypeBuilder<ServiceCategory> b)
    {
        b.HasIndex(c => new { c.RegionId, c.Name }).IsUnique();
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Code).HasMaxLength(60);
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionId);
    }
}

internal sealed class ServiceVolumeConfiguration : IEntityTypeConfiguration<ServiceVolume>
{
    public void Configure(EntityTypeBuilder<ServiceVolume> b)
    {
        b.HasIndex(v => new { v.RegionId, v.Quarter, v.OrganizationId, v.CategoryId }).IsUnique();
        b.Property(v => v.Quarter).HasMaxLength(6);
        b.Property(v => v.Funding).HasPrecision(14, 2);
        b.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId);
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(v => v.CategoryId);
    }
}

internal sealed class ServicePerformanceConfiguration : IEntityTypeConfiguration<ServicePerformance>
{
    public void Configure(EntityTypeBuilder<ServicePerformance> b)
    {
        b.HasIndex(p => new { p.RegionId, p.Quarter, p.OrganizationId, p.CategoryId, p.Indicator }).IsUnique();
        b.Property(p => p.Quarter).HasMaxLength(6);
        b.Property(p => p.Indicator).HasMaxLength(100);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId);
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(p => p.CategoryId);
    }
}

internal sealed class IntegrationBriefNoteConfiguration : IEntityTypeConfiguration<IntegrationBriefNote>
{
    public void Configure(EntityTypeBuilder<IntegrationBriefNote> b)
    {
        b.HasIndex(n => new { n.RegionId, n.CategoryId, n.Quarter }).IsUnique();
        b.Property(n => n.Quarter).HasMaxLength(6);
        b.Property(n => n.Text).HasMaxLength(IntegrationBriefNote.MaxLength);
        b.Property(n => n.UpdatedBy).HasMaxLength(256);
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(n => n.CategoryId);
    }
}
