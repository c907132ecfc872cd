using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthLinks.Data;

internal sealed class ExperienceSurveyConfiguration : IEntityTypeConfiguration<ExperienceSurvey>
{
    public void Configure(EntityTypeBuilder<ExperienceSurvey> b)
    {
        b.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId);

        // One survey per patient and due day: the scheduler, run twice or on two nodes, cannot send it twice.
        b.HasIndex(s => new { s.PatientId, s.DueOn }).IsUnique();
        b.HasIndex(s => s.LinkHash);
        b.HasIndex(s => new { s.HealthLinkId, s.CreatedAt });
        b.Property(s => s.LinkHash).HasMaxLength(64);
        b.Property(s => s.EnteredBy).HasMaxLength(256);
        b.Property(s => s.Comment).HasMaxLength(SurveyAnswers.CommentMax);
        b.Ignore(s => s.Scale);

        // Answered once, also when the link is submitted twice at the same moment: the update requires it unanswered.
        b.Property(s => s.AnsweredAt).IsConcurrencyToken();
    }
}
