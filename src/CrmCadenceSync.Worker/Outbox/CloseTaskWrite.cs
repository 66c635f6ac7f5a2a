namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// The payload of a <see cref="WriteType.CloseTask"/> write: which of our task writes to close in the CRM now that its
/// enrollment has ended. Its outbox key is the task's key with <see cref="KeySuffix"/>, so each task is closed once.
/// </summary>
public sealed record CloseTaskWrite(string TaskKey)
{
    public const string KeySuffix = ":close";

    public string IdempotencyKey => TaskKey + KeySuffix;
}
