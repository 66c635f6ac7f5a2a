namespace CrmCadenceSync.Core.Crm;

public enum InboundEventKind
{
    /// <summary>A contact was created or changed; the worker reads it fresh before deciding.</summary>
    ContactChanged,
    ContactDeleted,
    ContactMerged,
}
