using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class EngagementOutcomeConfiguration : IEntityTypeConfiguration<EngagementOutcomeEntity>
{
    public void Configure(EntityTypeBuilder<EngagementOutcomeEntity> builder)
    {
        builder.ToTable("EngagementOutcomes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.ContactCrmId).HasMaxLength(64);
        builder.Property(e => e.Kind).HasMaxLength(24);
        builder.Property(e => e.TaskKey).HasMaxLength(200);
        builder.Property(e => e.CallOutcome).HasMaxLength(255);

        // The first of each kind per enrollment (per task for completions) is the one kept: a replay records nothing.
        builder.HasIndex(e => new { e.EnrollmentId, e.Kind, e.TaskKey }).IsUnique();
        builder.HasIndex(e => e.TaskKey);
    }
}
