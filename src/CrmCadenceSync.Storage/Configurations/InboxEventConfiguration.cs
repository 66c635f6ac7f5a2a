using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEventEntity>
{
    public void Configure(EntityTypeBuilder<InboxEventEntity> builder)
    {
        builder.ToTable("InboxEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ClaimedBy).HasMaxLength(128);
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.DedupeKey).HasMaxLength(400);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.ContactCrmId).HasMaxLength(64);
        builder.HasIndex(e => new { e.Connection, e.DedupeKey }).IsUnique();
        builder.HasIndex(e => new { e.ProcessedAt, e.AvailableAt });
    }
}
