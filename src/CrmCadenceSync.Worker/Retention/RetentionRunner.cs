using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Retention;

/// <summary>
/// Deletes personal data the worker no longer needs: the snapshots of contacts whose enrollments all ended more
/// than <see cref="RetentionOptions.Days"/> ago, and inbox events processed that long ago. Enrollments and step runs
/// (CRM ids, cadences, outcomes, no personal fields) stay, so the metrics do not change.
/// </summary>
public sealed partial class RetentionRunner(CadenceDbContext db, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionRunner> logger)
{
    public async Task<(int Snapshots, int InboxEvents)> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.Days);
        var ended = db.Enrollments.Where(e => !e.IsOpen);
        var snapshots = await db.Contacts
            .Where(c => ended.Any(e => e.Connection == c.Connection && e.ContactCrmId == c.CrmId)
                && !db.Enrollments.Any(e => e.Connection == c.Connection && e.ContactCrmId == c.CrmId && (e.IsOpen || e.EndedAt > cutoff)))
            .ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.InboxEvents.Where(e => e.ProcessedAt != null && e.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        LogPurged(snapshots, inbox, options.Value.Days);
        return (snapshots, inbox);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Snapshots} contact snapshots and {InboxEvents} inbox events older than {Days} days")]
    private partial void LogPurged(int snapshots, int inboxEvents, int days);
}
