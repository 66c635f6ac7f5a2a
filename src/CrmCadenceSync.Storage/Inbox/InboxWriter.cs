using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Inbox;

/// <summary>Stores inbound changes durably, each dedupe key once per connection, and commits before returning.</summary>
public sealed class InboxWriter(CadenceDbContext db, TimeProvider time)
{
    /// <returns>How many items were new; redeliveries of stored items are not stored again.</returns>
    public async Task<int> AppendAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        var fresh = items.DistinctBy(i => (i.Event.Connection, i.Event.DedupeKey)).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var stored = await ExistingKeysAsync(fresh, cancellationToken);
            var toAdd = fresh.Where(i => !stored.Contains((i.Event.Connection, i.Event.DedupeKey))).ToList();
            if (toAdd.Count == 0)
            {
                return 0;
            }

            var now = time.GetUtcNow();
            db.InboxEvents.AddRange(toAdd.Select(i => ToEntity(i, now)));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return toAdd.Count;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance stored some of the same keys between our read and write: read again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<HashSet<(string, string)>> ExistingKeysAsync(List<InboxItem> items, CancellationToken cancellationToken)
    {
        var keys = items.Select(i => i.Event.DedupeKey).Distinct().ToList();
        var connections = items.Select(i => i.Event.Connection).Distinct().ToList();
        var existing = await db.InboxEvents.AsNoTracking()
            .Where(e => connections.Contains(e.Connection) && keys.Contains(e.DedupeKey))
            .Select(e => new { e.Connection, e.DedupeKey })
            .ToListAsync(cancellationToken);
        return [.. existing.Select(e => (e.Connection, e.DedupeKey))];
    }

    private static InboxEventEntity ToEntity(InboxItem item, DateTimeOffset now) => new()
    {
        Connection = item.Event.Connection,
        DedupeKey = item.Event.DedupeKey,
        Kind = item.Event.Kind.ToString(),
        ContactCrmId = item.Event.ContactCrmId,
        OccurredAt = item.Event.OccurredAt,
        PropertyName = item.Event.PropertyName,
        PropertyValue = item.Event.PropertyValue,
        MergedIntoCrmId = item.Event.MergedIntoCrmId,
        ContactJson = item.Contact is null ? null : ContactJson.Serialize(item.Contact),
        ReceivedAt = now,
        AvailableAt = now,
    };
}
