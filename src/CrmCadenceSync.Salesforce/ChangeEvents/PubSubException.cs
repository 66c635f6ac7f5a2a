namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>A Pub/Sub stream failed; <see cref="Kind"/> says what to do, <see cref="ErrorCode"/> is Salesforce's own code when it sent one.</summary>
public sealed class PubSubException(PubSubFaultKind kind, string message, string? errorCode, Exception? inner)
    : Exception(message, inner)
{
    public PubSubFaultKind Kind { get; } = kind;

    public string? ErrorCode { get; } = errorCode;
}
