using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersionEntity>
{
    public void Configure(EntityTypeBuilder<RuleSetVersionEntity> builder)
    {
        builder.ToTable("RuleSetVersions");
        builder.HasKey(e => e.Version);
        builder.Property(e => e.Version).ValueGeneratedNever();
        builder.Property(e => e.Author).HasMaxLength(200);
    }
}
