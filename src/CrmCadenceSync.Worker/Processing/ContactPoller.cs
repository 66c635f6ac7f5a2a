using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Storage.Mapping;
using Microsoft.EntityFrameworkCore;
using CrmCadenceSync.Worker.Connections;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// Incremental polling, for completeness: whatever a webhook missed arrives here. Each page is committed to the
/// inbox before the cursor moves past it, so a crash re-reads a page (deduplicated) and never skips one.
/// </summary>
public sealed partial class ContactPoller(
    CadenceDbContext db,
    ConnectionRegistry connections,
    OwnerDirectory owners,
    InboxWriter inbox,
    ConnectionHealth health,
    CycleStats stats,
    TimeProvider time,
    ILogger<ContactPoller> logger)
{
    /// <param name="progress">Told the running count of contacts read, page by page.</param>
    /// <returns>How many changed contacts were read.</returns>
    public async Task<int> PollAsync(string connection, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var connector = connections.Get(connection);
        var state = await health.GetAsync(connection, cancellationToken);
        var readFrom = new SyncCursor(state.CursorModifiedAt, state.CursorLastId);
        var read = 0;
        var unchanged = 0;
        try
        {
            await owners.RefreshAsync(connection, cancellationToken);
            ContactPage page;
            do
            {
                page = await connector.ReadChangedContactsAsync(readFrom, cancellationToken);
                var changed = await WithoutEchoesAsync(connection, page.Contacts, cancellationToken);
                await inbox.AppendAsync([.. changed.Select(c => new InboxItem(Polled(connection, c), c))], cancellationToken);
                read += page.Contacts.Count;
                unchanged += page.Contacts.Count - changed.Count;
                if (page.Next != readFrom)
                {
                    // Only a cursor the connector moved is stored: reading on from a position ahead of the stored one, a
                    // page whose changes are all too recent to store answers with that position unchanged.
                    state.CursorModifiedAt = page.Next.ModifiedAt;
                    state.CursorLastId = page.Next.LastId;
                }

                readFrom = page.ReadOn ?? page.Next;
                await db.SaveChangesAsync(cancellationToken);
                progress?.Report(read);
            }
            while (page.HasMore);

            await health.MarkOkAsync(connection, time.GetUtcNow(), synced: true, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
        {
            await health.RecordAsync(connection, e, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            LogPollStopped(connection, read, e.Message);
        }

        stats.ContactsIngested(connection, read);
        stats.ContactsUnchanged(connection, unchanged);
        return read;
    }

    /// <summary>
    /// The page's contacts less those that differ from the snapshot only by our own writes' marks (see
    /// <see cref="ContactEcho"/>): each status the worker writes moves the contact's modification stamp, and without this
    /// every poll would process again every contact the previous cycle wrote to.
    /// </summary>
    private async Task<List<Contact>> WithoutEchoesAsync(string connection, IReadOnlyList<Contact> contacts, CancellationToken cancellationToken)
    {
        var ids = contacts.Select(c => c.CrmId).Distinct().ToList();
        var held = (await db.Contacts.AsNoTracking()
                .Where(c => c.Connection == connection && ids.Contains(c.CrmId))
                .ToListAsync(cancellationToken))
            .ToDictionary(c => c.CrmId, c => c.ToContact(), StringComparer.Ordinal);
        return [.. contacts.Where(c => !held.TryGetValue(c.CrmId, out var snapshot) || !ContactEcho.IsEcho(c, snapshot))];
    }

    /// <summary>
    /// A polled change; the key names the version, so the same version polled twice is stored once. Time first, as for
    /// webhooks, keeps the inbox's unique index growing at its end.
    /// </summary>
    private static InboundEvent Polled(string connection, Core.Contacts.Contact contact) => new(
        $"poll:{contact.UpdatedAt.UtcTicks:D19}:{contact.CrmId}",
        connection,
        contact.IsDeleted ? InboundEventKind.ContactDeleted : InboundEventKind.ContactChanged,
        contact.CrmId,
        contact.UpdatedAt,
        MergedIntoCrmId: contact.MergedIntoCrmId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Connection} stopped after {Count} contacts: {Reason}")]
    private partial void LogPollStopped(string connection, int count, string reason);
}
