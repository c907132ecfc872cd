using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> b)
    {
        b.Property(r => r.By).HasMaxLength(256);
        b.HasIndex(r => r.At);
    }
}
