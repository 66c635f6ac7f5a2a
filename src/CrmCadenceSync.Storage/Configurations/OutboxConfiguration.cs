using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxEntity>
{
    public void Configure(EntityTypeBuilder<OutboxEntity> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ClaimedBy).HasMaxLength(128);
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.WriteType).HasMaxLength(32);
        builder.Property(e => e.State).HasMaxLength(16);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.Property(e => e.OwnerId).HasMaxLength(64);
        builder.Property(e => e.ContactCrmId).HasMaxLength(64);
        builder.HasIndex(e => new { e.Connection, e.WriteType, e.ContactCrmId, e.State });
        builder.HasIndex(e => new { e.State, e.Connection, e.WriteType, e.AvailableAt });
        builder.HasIndex(e => new { e.Connection, e.OwnerId, e.RepLocalDate });
    }
}
