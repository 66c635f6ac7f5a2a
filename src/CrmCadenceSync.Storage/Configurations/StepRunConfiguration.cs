using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class StepRunConfiguration : IEntityTypeConfiguration<StepRunEntity>
{
    public void Configure(EntityTypeBuilder<StepRunEntity> builder)
    {
        builder.ToTable("StepRuns");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.StepId).HasMaxLength(128);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.Variant).HasMaxLength(64);
        builder.HasIndex(e => e.EnrollmentId);
    }
}
