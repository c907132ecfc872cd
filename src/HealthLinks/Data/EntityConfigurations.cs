using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.Property(p => p.GivenName).HasMaxLength(100);
        b.Property(p => p.FamilyName).HasMaxLength(100);
        b.Property(p => p.PreferredName).HasMaxLength(100);
        b.Property(p => p.Gender).HasMaxLength(60);
        b.Property(p => p.HealthCardNumber).HasMaxLength(10);
        b.Property(p => p.HealthCardVersion).HasMaxLength(2);
        b.Property(p => p.Phone).HasMaxLength(30);
        b.Property(p => p.Email).HasMaxLength(254);
        b.Property(p => p.OtherLanguage).HasMaxLength(60);
        b.Property(p => p.SearchKey).HasMaxLength(310);
        b.ComplexProperty(p => p.Address, a =>
        {
            a.Property(x => x.Street).HasMaxLength(200).HasColumnName("Street");
            a.Property(x => x.City).HasMaxLength(100).HasColumnName("City");
            a.Property(x => x.Province).HasMaxLength(2).HasColumnName("Province");
            a.Property(x => x.PostalCode).HasMaxLength(7).HasColumnName("PostalCode");
        });
        b.HasIndex(p => p.HealthCardNumber).IsUnique();
        b.HasIndex(p => p.DateOfBirth);
        b.HasIndex(p => p.SearchKey);
        b.HasOne<HealthLink>().WithMany().HasForeignKey(p => p.HealthLinkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.RelatedPeople).WithOne().HasForeignKey(r => r.PatientId);
        b.HasMany(p => p.CareTeam).WithOne().HasForeignKey(m => m.PatientId);
        b.HasMany(p => p.Enrollments).WithOne().HasForeignKey(e => e.PatientId);
        b.Ignore(p => p.DisplayName);
        b.Ignore(p => p.OpenEnrollment);
    }
}

internal sealed class RelatedPersonConfiguration : IEntityTypeConfiguration<RelatedPerson>
{
    public void Configure(EntityTypeBuilder<RelatedPerson> b)
    {
        b.Property(r => r.GivenName).HasMaxLength(100);
        b.Property(r => r.FamilyName).HasMaxLength(100);
        b.Property(r => r.Relationship).HasMaxLength(60);
        b.Property(r => r.Roles).HasConversion<int>();
        b.Property(r => r.Phone).HasMaxLength(30);
        b.Property(r => r.Email).HasMaxLength(254);
        b.Ignore(r => r.DisplayName);
    }
}

internal sealed class CareTeamMemberConfiguration : IEntityTypeConfiguration<CareTeamMember>
{
    public void Configure(EntityTypeBuilder<CareTeamMember> b)
    {
        b.Property(m => m.Role).HasMaxLength(100);
        b.Property(m => m.LeftReason).HasMaxLength(500);
        b.HasOne<Provider>().WithMany().HasForeignKey(m => m.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RelatedPerson>().WithMany().HasForeignKey(m => m.RelatedPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.ProviderId);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.HasOne<HealthLink>().WithMany().HasForeignKey(e => e.HealthLinkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.History).WithOne().HasForeignKey(h => h.EnrollmentId);
        b.HasIndex(e => e.Status);

        // "The patient's open enrollment" is asked as PatientId = @p AND IsOpen, which SQLite cannot match to the partial
        // unique index (IsOpen = 1): without this one, each such question read every enrollment of the region.
        b.HasIndex(e => new { e.PatientId, e.IsOpen });
    }
}

internal sealed class EnrollmentStatusChangeConfiguration : IEntityTypeConfiguration<EnrollmentStatusChange>
{
    public void Configure(EntityTypeBuilder<EnrollmentStatusChange> b)
    {
        b.Property(h => h.ChangedBy).HasMaxLength(256);
        b.Property(h => h.Reason).HasMaxLength(1000);
    }
}

internal sealed class EncounterConfiguration : IEntityTypeConfiguration<Encounter>
{
    public void Configure(EntityTypeBuilder<Encounter> b)
    {
        b.Property(e => e.Source).HasMaxLength(40);
        b.Property(e => e.Reason).HasMaxLength(300);
        b.HasOne<Patient>().WithMany().HasForeignKey(e => e.PatientId);
        b.HasOne<Organization>().WithMany().HasForeignKey(e => e.FacilityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(e => e.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.PatientId, e.Start });
    }
}

internal sealed class ConditionConfiguration : IEntityTypeConfiguration<Condition>
{
    public void Configure(EntityTypeBuilder<Condition> b)
    {
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.Display).HasMaxLength(300);
        b.Property(c => c.Source).HasMaxLength(40);
        b.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId);
        b.HasIndex(c => c.PatientId);
    }
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.Property(p => p.GivenName).HasMaxLength(100);
        b.Property(p => p.FamilyName).HasMaxLength(100);
        b.Property(p => p.Phone).HasMaxLength(30);
        b.Property(p => p.Email).HasMaxLength(254);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.DisplayName);
        b.Ignore(p => p.IsHealthCareProfessional);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Phone).HasMaxLength(30);
        b.Property(o => o.Email).HasMaxLength(254);
        b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.Name);
    }
}

internal sealed class HealthLinkConfiguration : IEntityTypeConfiguration<HealthLink>
{
    public void Configure(EntityTypeBuilder<HealthLink> b)
    {
        b.Property(h => h.Name).HasMaxLength(120);
        b.HasIndex(h => h.Name).IsUnique();
        b.HasOne<Region>().WithMany().HasForeignKey(h => h.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b) => b.Property(r => r.Name).HasMaxLength(120);
}
