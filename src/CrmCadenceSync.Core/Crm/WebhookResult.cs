namespace CrmCadenceSync.Core.Crm;

/// <summary>Accepted events to store, or a rejection with the HTTP status to answer and the reason to log.</summary>
/// <param name="Acknowledgement">What to answer once the events are stored; null means a plain 200.</param>
public sealed record WebhookResult(
    IReadOnlyList<InboundEvent> Events, int? RejectStatus, string? RejectReason, WebhookAcknowledgement? Acknowledgement = null)
{
    public bool Accepted => RejectStatus is null;

    public static WebhookResult Accept(IReadOnlyList<InboundEvent> events, WebhookAcknowledgement? acknowledgement = null) =>
        new(events, null, null, acknowledgement);

    public static WebhookResult Reject(int status, string reason) => new([], status, reason);
}
