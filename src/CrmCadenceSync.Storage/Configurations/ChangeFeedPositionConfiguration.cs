using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class ChangeFeedPositionConfiguration : IEntityTypeConfiguration<ChangeFeedPositionEntity>
{
    public void Configure(EntityTypeBuilder<ChangeFeedPositionEntity> builder)
    {
        builder.ToTable("ChangeFeedPositions");
        builder.HasKey(e => new { e.Connection, e.Topic });
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.Topic).HasMaxLength(128);
        builder.Property(e => e.ReplayId).HasMaxLength(64);
    }
}
