using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<EnrollmentEntity>
{
    public void Configure(EntityTypeBuilder<EnrollmentEntity> builder)
    {
        builder.ToTable("Enrollments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ClaimedBy).HasMaxLength(128);
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.ContactCrmId).HasMaxLength(64);
        builder.Property(e => e.Segment).HasMaxLength(128);
        builder.Property(e => e.CadenceId).HasMaxLength(128);
        builder.Property(e => e.State).HasMaxLength(16);
        builder.Property(e => e.ExitReason).HasMaxLength(128);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.IsOpen, e.NextDueAt });
        builder.HasIndex(e => new { e.Connection, e.ContactCrmId, e.EnrolledAt });

        // The held-too-long sweep reads held rows by when their hold began.
        builder.HasIndex(e => new { e.State, e.HeldSince });
    }
}
