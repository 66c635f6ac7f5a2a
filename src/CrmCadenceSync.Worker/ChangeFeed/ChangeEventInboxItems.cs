using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.ChangeEvents;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Storage.Inbox;

namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>
/// Turns change events into inbox rows, one per named record, the same rows an Outbound Message makes: the contact is read
/// fresh when the row is processed. The key names the event and the record, so a redelivered event is stored once.
/// </summary>
internal static class ChangeEventInboxItems
{
    private static readonly HashSet<string> People = new(StringComparer.Ordinal) { "Lead", "Contact" };

    public static bool IsPerson(ChangeEventHeader header) => People.Contains(header.EntityName);

    /// <summary>The rows of a non-gap event; none when it only carries the worker's own status write.</summary>
    public static IEnumerable<InboxItem> Of(string connection, SalesforceChangeEvent change, SalesforceFieldMapping mapping)
    {
        var header = change.Header;
        if (!IsPerson(header) || header.IsGap || OwnWrites.IsOnlyOwnWrite(header, mapping))
        {
            return [];
        }

        var kind = header.IsDelete ? InboundEventKind.ContactDeleted : InboundEventKind.ContactChanged;
        var fields = header.ChangedFields.Count == 0 ? null : string.Join(',', header.ChangedFields);
        return header.RecordIds.Select(id => new InboxItem(
            new InboundEvent(Key("cdc", change, id), connection, kind, id, header.CommitTimestamp, PropertyName: fields)));
    }

    /// <summary>The row of a record a gap event named, from what the REST API answered for it.</summary>
    public static InboxItem ReRead(string connection, SalesforceChangeEvent change, Core.Contacts.Contact contact) => new(
        new InboundEvent(
            Key("cdc-gap", change, contact.CrmId),
            connection,
            contact.IsDeleted ? InboundEventKind.ContactDeleted : InboundEventKind.ContactChanged,
            contact.CrmId,
            contact.UpdatedAt,
            MergedIntoCrmId: contact.MergedIntoCrmId),
        contact);

    /// <summary>A record a GAP_DELETE named that the REST API no longer returns.</summary>
    public static InboxItem Deleted(string connection, SalesforceChangeEvent change, string recordId) => new(
        new InboundEvent(Key("cdc-gap", change, recordId), connection, InboundEventKind.ContactDeleted, recordId, change.Header.CommitTimestamp));

    /// <summary>Time first, as for webhooks and polls, so the inbox's unique index grows at its end.</summary>
    private static string Key(string prefix, SalesforceChangeEvent change, string recordId) =>
        $"{prefix}:{change.Header.CommitTimestamp.UtcTicks:D19}:{change.EventId}:{recordId}";
}
