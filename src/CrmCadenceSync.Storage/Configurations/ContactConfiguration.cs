using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<ContactEntity>
{
    public void Configure(EntityTypeBuilder<ContactEntity> builder)
    {
        builder.ToTable("Contacts");
        builder.HasKey(e => new { e.Connection, e.CrmId });
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.CrmId).HasMaxLength(64);
        builder.Property(e => e.RecordType).HasMaxLength(16);
        builder.Property(e => e.ConvertedContactCrmId).HasMaxLength(64);
        builder.Property(e => e.LeadScore).HasPrecision(18, 4);
        builder.HasIndex(e => new { e.Connection, e.OwnerId });
        builder.HasIndex(e => e.EmailKey);
    }
}
