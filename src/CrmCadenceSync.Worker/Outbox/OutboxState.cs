namespace CrmCadenceSync.Worker.Outbox;

public static class OutboxState
{
    public const string Pending = nameof(Pending);
    public const string Sent = nameof(Sent);
    public const string DeadLettered = nameof(DeadLettered);

    /// <summary>
    /// A status write replaced by a newer one for the same contact before it was sent; a task close with nothing to
    /// close (the task was never written to the CRM).
    /// </summary>
    public const string Superseded = nameof(Superseded);

    /// <summary>An email or task not sent because, at write time, the enrollment had ended or the contact was no longer reachable on its channel.</summary>
    public const string Withdrawn = nameof(Withdrawn);
}
