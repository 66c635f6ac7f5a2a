using CrmCadenceSync.Core.Segmentation;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Pilots;

/// <summary>
/// Offers stored contacts that were never enrolled to the enrollment engine again, so the ones a pilot's daily limit
/// kept out enroll on a later day without waiting for a change in the CRM. It runs while the active rule set has a
/// daily limit and today's share is not yet spent, and once after every newly active version (so lifting a pilot lets the
/// waiting contacts in).
/// </summary>
public sealed partial class PilotBacklog(IServiceScopeFactory scopes, RuleSetProvider rules, TimeProvider time, ILogger<PilotBacklog> logger)
{
    private const int BatchSize = 500;

    private int lastVersion;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var active = rules.Current;
        var limit = active.Rules.Pilot.MaxEnrollmentsPerDay;
        if (limit is null && Volatile.Read(ref lastVersion) == active.Version)
        {
            return;
        }

        if (limit is { } perDay && Volatile.Read(ref lastVersion) == active.Version && await TodaysShareIsSpentAsync(perDay, cancellationToken))
        {
            return;
        }

        List<(string Connection, string CrmId)> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
            waiting = [.. (await db.Contacts.AsNoTracking()
                    .Where(c => !c.IsDeleted && !c.EmailOptOut && !c.EmailBounced && c.MergedIntoCrmId == null)
                    .Where(c => !db.Enrollments.Any(e => e.Connection == c.Connection && e.ContactCrmId == c.CrmId))
                    .Select(c => new { c.Connection, c.CrmId })
                    .ToListAsync(cancellationToken))
                .Select(c => (c.Connection, c.CrmId))];
        }

        foreach (var connection in waiting.GroupBy(c => c.Connection, StringComparer.Ordinal))
        {
            foreach (var chunk in connection.Select(c => c.CrmId).Chunk(BatchSize))
            {
                await OfferAsync(connection.Key, chunk, cancellationToken);
            }
        }

        Volatile.Write(ref lastVersion, active.Version);
        if (waiting.Count > 0)
        {
            LogOffered(waiting.Count, active.Version);
        }
    }

    private async Task<bool> TodaysShareIsSpentAsync(int perDay, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var gate = scope.ServiceProvider.GetRequiredService<PilotGate>();
        return await gate.EnrolledOnAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken) >= perDay;
    }

    /// <summary>One batch in one transaction, through the same path as a changed contact (and so the pilot gate).</summary>
    private async Task OfferAsync(string connection, string[] ids, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        var applier = scope.ServiceProvider.GetRequiredService<ContactChangeApplier>();
        // Only contacts a segment would take go through the engine, so the others' snapshots are not rewritten each pass.
        var active = rules.Current.Rules;
        var contacts = (await db.Contacts.AsNoTracking().Where(c => c.Connection == connection && ids.Contains(c.CrmId)).ToListAsync(cancellationToken))
            .Select(c => c.ToContact())
            .Where(c => Segmenter.Match(active, c) is not null && !active.Policies.PausesIn(c.LifecycleStage))
            .ToList();
        if (contacts.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applier.ApplyAllAsync(connection, contacts, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Offered {Count} never-enrolled contacts to rule set version {Version}")]
    private partial void LogOffered(int count, int version);
}
