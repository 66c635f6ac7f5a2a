using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class AdminAuditConfiguration : IEntityTypeConfiguration<AdminAuditEntity>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntity> builder)
    {
        builder.ToTable("AdminAudit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(200);
        builder.HasIndex(e => new { e.Target, e.At });
    }
}
