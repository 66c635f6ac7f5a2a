namespace CrmCadenceSync.Core.Crm;

/// <summary>Accepted events to store, or a rejection with the HTTP status to answer and the reason to log.</summary>
public sealed record WebhookResult(IReadOnlyList<InboundEvent> Events, int? RejectStatus, string? RejectReason)
{
    public bool Accepted => RejectStatus is null;

    public static WebhookResult Accept(IReadOnlyList<InboundEvent> events) => new(events, null, null);

    public static WebhookResult Reject(int status, string reason) => new([], status, reason);
}
