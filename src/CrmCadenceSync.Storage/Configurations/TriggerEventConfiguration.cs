using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class TriggerEventConfiguration : IEntityTypeConfiguration<TriggerEventEntity>
{
    public void Configure(EntityTypeBuilder<TriggerEventEntity> builder)
    {
        builder.ToTable("TriggerEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Trigger).HasMaxLength(64);
        builder.Property(e => e.EventId).HasMaxLength(200);
        builder.HasIndex(e => new { e.Trigger, e.EventId }).IsUnique();
    }
}
