using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCadenceSync.Storage.Configurations;

internal sealed class WorkflowCallbackConfiguration : IEntityTypeConfiguration<WorkflowCallbackEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowCallbackEntity> builder)
    {
        builder.ToTable("WorkflowCallbacks");
        builder.HasKey(e => e.CallbackId);
        builder.Property(e => e.CallbackId).HasMaxLength(200);
        builder.Property(e => e.Connection).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(16);
        builder.Property(e => e.ContactCrmId).HasMaxLength(64);
        builder.Property(e => e.State).HasMaxLength(16);
        builder.HasIndex(e => new { e.State, e.NextAttemptAt });
        builder.HasIndex(e => e.EnrollmentId);
    }
}
