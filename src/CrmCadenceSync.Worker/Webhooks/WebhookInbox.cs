using System.Threading.Channels;
using CrmCadenceSync.Storage.Inbox;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>
/// Group commit for webhook events: concurrent requests queue their batches, one writer stores everything queued so far
/// in a single transaction, and each request returns (and the CRM gets its 2xx) only after the commit holding its batch.
/// One commit (one fsync) then serves many requests instead of each request paying its own, and writers never queue
/// behind each other on the database lock.
/// </summary>
public sealed partial class WebhookInbox(IServiceScopeFactory scopes, ILogger<WebhookInbox> logger) : BackgroundService
{
    /// <summary>Events per commit at most; a busy queue is drained in commits of about this size.</summary>
    private const int MaxEventsPerCommit = 5_000;

    private readonly Channel<PendingWebhookBatch> queue = Channel.CreateUnbounded<PendingWebhookBatch>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once <paramref name="items"/> are committed; throws what the store threw when they could not be.</summary>
    public async Task AppendAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var batch = new PendingWebhookBatch(items);
        if (!queue.Writer.TryWrite(batch))
        {
            throw new InvalidOperationException("The worker is stopping; the webhook was not stored.");
        }

        await batch.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var group = new List<PendingWebhookBatch>();
                var events = 0;
                while (events < MaxEventsPerCommit && queue.Reader.TryRead(out var batch))
                {
                    group.Add(batch);
                    events += batch.Items.Count;
                }

                // The commit is not cancelled half-way by shutdown: requests are waiting on it.
                await CommitAsync(group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still queued is refused below, so its requests answer 503 and the CRM retries.
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                left.Stored.TrySetException(new InvalidOperationException("The worker is stopping; the webhook was not stored."));
            }
        }
    }

    private async Task CommitAsync(List<PendingWebhookBatch> group)
    {
        try
        {
            await StoreAsync([.. group.SelectMany(b => b.Items)]);
            group.ForEach(b => b.Stored.TrySetResult());
        }
        catch (Exception e) when (group.Count > 1)
        {
            // One bad batch must not fail its neighbours: store each on its own.
            LogGroupFailed(group.Count, e.Message);
            foreach (var batch in group)
            {
                await CommitAsync([batch]);
            }
        }
        catch (Exception e)
        {
            group[0].Stored.TrySetException(e);
        }
    }

    private async Task StoreAsync(IReadOnlyList<InboxItem> items)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InboxWriter>().AppendAsync(items, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} webhook batches together failed ({Reason}); storing them one by one")]
    private partial void LogGroupFailed(int count, string reason);
}
