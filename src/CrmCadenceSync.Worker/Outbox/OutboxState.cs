namespace CrmCadenceSync.Worker.Outbox;

public static class OutboxState
{
    public const string Pending = nameof(Pending);
    public const string Sent = nameof(Sent);
    public const string DeadLettered = nameof(DeadLettered);

    /// <summary>A status write replaced by a newer one for the same contact before it was sent.</summary>
    public const string Superseded = nameof(Superseded);
}
