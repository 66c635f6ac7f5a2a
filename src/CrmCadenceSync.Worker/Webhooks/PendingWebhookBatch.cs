using CrmCadenceSync.Storage.Inbox;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>One request's events waiting for the group commit; <see cref="Stored"/> completes when they are durable.</summary>
public sealed record PendingWebhookBatch(IReadOnlyList<InboxItem> Items)
{
    public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
