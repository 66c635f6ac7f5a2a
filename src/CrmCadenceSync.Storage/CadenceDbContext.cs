using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage;

/// <summary>
/// The worker's store. One model for both providers; each provider's subclass carries its own migrations
/// (<see cref="SqliteCadenceDbContext"/>, <see cref="PostgresCadenceDbContext"/>).
/// </summary>
public abstract class CadenceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<InboxEventEntity> InboxEvents => Set<InboxEventEntity>();

    public DbSet<ContactEntity> Contacts => Set<ContactEntity>();

    public DbSet<EnrollmentEntity> Enrollments => Set<EnrollmentEntity>();

    public DbSet<StepRunEntity> StepRuns => Set<StepRunEntity>();

    public DbSet<OutboxEntity> Outbox => Set<OutboxEntity>();

    public DbSet<DeadLetterEntity> DeadLetters => Set<DeadLetterEntity>();

    public DbSet<ConnectionEntity> Connections => Set<ConnectionEntity>();

    public DbSet<RuleSetVersionEntity> RuleSetVersions => Set<RuleSetVersionEntity>();

    public DbSet<TriggerEventEntity> TriggerEvents => Set<TriggerEventEntity>();

    public DbSet<EngagementOutcomeEntity> EngagementOutcomes => Set<EngagementOutcomeEntity>();
    public DbSet<AdminAuditEntity> AdminAudit => Set<AdminAuditEntity>();

    public DbSet<WorkflowCallbackEntity> WorkflowCallbacks => Set<WorkflowCallbackEntity>();

    public DbSet<ChangeFeedPositionEntity> ChangeFeedPositions => Set<ChangeFeedPositionEntity>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpEnrollmentVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpEnrollmentVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>The SQL filter of the "one open enrollment per contact" unique index, in the provider's dialect.</summary>
    protected abstract string OpenEnrollmentFilter { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CadenceDbContext).Assembly);
        modelBuilder.Entity<EnrollmentEntity>()
            .HasIndex(e => new { e.Connection, e.ContactCrmId })
            .IsUnique()
            .HasFilter(OpenEnrollmentFilter)
            .HasDatabaseName("UX_Enrollments_OneOpenPerContact");
    }

    /// <summary>
    /// Every changed enrollment gets the next version; the update's WHERE checks the one it was read at, so a concurrent
    /// writer's change is never overwritten (<see cref="DbUpdateConcurrencyException"/> instead).
    /// </summary>
    private void BumpEnrollmentVersions()
    {
        foreach (var entry in ChangeTracker.Entries<EnrollmentEntity>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
