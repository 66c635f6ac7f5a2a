namespace CrmCadenceSync.Worker.Outbox;

public static class OutboxState
{
    public const string Pending = nameof(Pending);
    public const string Sent = nameof(Sent);
    public const string DeadLettered = nameof(DeadLettered);
}
