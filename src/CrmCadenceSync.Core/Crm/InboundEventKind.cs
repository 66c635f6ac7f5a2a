namespace CrmCadenceSync.Core.Crm;

public enum InboundEventKind
{
    /// <summary>A contact was created or changed; the worker reads it fresh before deciding.</summary>
    ContactChanged,
    ContactDeleted,
    ContactMerged,

    /// <summary>
    /// The CRM announcing a save the worker made itself (its own status write, e.g. a Salesforce Outbound Message whose
    /// <c>LastModifiedById</c> is the connection's own user): stored like any event, but nothing is read or decided.
    /// </summary>
    OwnWrite,
}
