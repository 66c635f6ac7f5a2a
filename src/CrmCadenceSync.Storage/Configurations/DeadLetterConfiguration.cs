using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetterEntity>
{
    public void Configure(EntityTypeBuilder<DeadLetterEntity> builder)
    {
        builder.ToTable("DeadLetters");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.WriteType).HasMaxLength(32);
        builder.Property(e => e.Code).HasMaxLength(128);
        builder.HasIndex(e => new { e.ResolvedAt, e.FailedAt });
    }
}
