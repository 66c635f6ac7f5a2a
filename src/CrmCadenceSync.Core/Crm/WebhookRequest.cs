namespace CrmCadenceSync.Core.Crm;

/// <summary>An inbound webhook as received, raw body included, since signatures cover the exact bytes.</summary>
public sealed record WebhookRequest(
    string Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt);
