using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<ConnectionEntity>
{
    public void Configure(EntityTypeBuilder<ConnectionEntity> builder)
    {
        builder.ToTable("Connections");
        builder.HasKey(e => e.Name);
        builder.Property(e => e.Name).HasMaxLength(64);
        builder.Property(e => e.CursorLastId).HasMaxLength(64);
        builder.Property(e => e.State).HasMaxLength(32);
    }
}
