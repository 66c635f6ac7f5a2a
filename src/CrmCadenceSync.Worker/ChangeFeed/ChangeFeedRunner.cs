using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.ChangeEvents;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Resilience;
using CrmCadenceSync.Worker.Webhooks;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>
/// Runs the change event streams of the Salesforce connections that enable Change Data Capture: each batch goes into the
/// inbox with its replay id (one transaction), gap events are re-read through the REST API, a replay id too old to resume
/// falls back to the poll, and a failed stream reconnects from the last committed replay id.
/// </summary>
public sealed partial class ChangeFeedRunner(
    IServiceProvider services,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptionsMonitor<SalesforceConnectionOptions> salesforce,
    ConnectionRegistry connections,
    ChangeFeedStatus status,
    TimeProvider time,
    ILogger<ChangeFeedRunner> logger)
{
    /// <summary>Every (connection, topic) stream configured.</summary>
    public IReadOnlyList<(string Connection, string Topic)> Streams() =>
        [.. ConfiguredConnection.Enabled(configuration)
            .Where(c => string.Equals(c.Kind, SalesforceConnectionOptions.KindName, StringComparison.OrdinalIgnoreCase))
            .Select(c => (c.Name, Options: salesforce.Get(c.Name).ChangeDataCapture))
            .Where(c => c.Options.Enabled)
            .SelectMany(c => c.Options.Topics.Select(t => (c.Name, t)))];

    public Task RunAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Streams().Select(s => RunAsync(s.Connection, s.Topic, cancellationToken)));

    /// <summary>Keeps one stream going until <paramref name="cancellationToken"/> ends it.</summary>
    public async Task RunAsync(string connection, string topic, CancellationToken cancellationToken)
    {
        var reconnect = Reconnection(connection, topic);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await reconnect.ExecuteAsync(async token => await StreamAsync(connection, topic, token), cancellationToken);
                }
                catch (PubSubException e) when (e.Kind == PubSubFaultKind.ReplayExpired)
                {
                    await FallBackToPollAsync(connection, topic, e, cancellationToken);
                }
                catch (Exception e) when (e is CrmReauthorisationRequiredException || e is PubSubException { Kind: PubSubFaultKind.Reauthorisation })
                {
                    await WaitForReauthorisationAsync(connection, topic, e);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the last committed replay id is where the next start resumes.
        }
    }

    /// <summary>One subscription, from the stored replay id, until it fails. A stream that delivered events before breaking returns, to reconnect at once.</summary>
    private async Task StreamAsync(string connection, string topic, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredKeyedService<SalesforceChangeEventClient>(connection);
        ReplayStart start;
        await using (var scope = scopes.CreateAsyncScope())
        {
            start = await scope.ServiceProvider.GetRequiredService<ChangeFeedCommitter>().StartAsync(connection, topic, cancellationToken);
        }

        status.Enter(connection, topic, ChangeFeedStreamState.Connecting);
        var delivered = false;
        try
        {
            await foreach (var batch in client.SubscribeAsync(topic, start, cancellationToken))
            {
                if (batch.Events.Count == 0 && batch.ReplayId.Length == 0)
                {
                    // A keepalive from a stream with no position yet: nothing to store.
                    continue;
                }

                var items = await ItemsAsync(connection, batch, cancellationToken);
                int stored;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    stored = await scope.ServiceProvider.GetRequiredService<ChangeFeedCommitter>().CommitAsync(connection, topic, items, batch.ReplayId, cancellationToken);
                }

                status.Committed(connection, topic, batch.Events.Count);
                delivered |= batch.Events.Count > 0;
                if (stored > 0)
                {
                    LogCommitted(connection, topic, batch.Events.Count, stored);
                    await NudgeInboxAsync(cancellationToken);
                }
            }
        }
        catch (PubSubException e) when (delivered && e.Kind == PubSubFaultKind.Transient)
        {
            status.Failed(connection, topic, ChangeFeedStreamState.Reconnecting, e.Message);
            LogReconnecting(connection, topic, e.Message, e);
        }
    }

    /// <summary>The inbox rows of a batch; records a gap event names are read again through the REST API first.</summary>
    private async Task<List<InboxItem>> ItemsAsync(string connection, ChangeEventBatch batch, CancellationToken cancellationToken)
    {
        var mapping = salesforce.Get(connection).FieldMapping;
        var items = batch.Events.SelectMany(e => ChangeEventInboxItems.Of(connection, e, mapping)).ToList();
        var gaps = batch.Events.Where(e => e.Header.IsGap && ChangeEventInboxItems.IsPerson(e.Header)).ToList();
        if (gaps.Count == 0)
        {
            return items;
        }

        var named = gaps.SelectMany(g => g.Header.RecordIds).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
        {
            var read = (await connections.Get(connection).ReadContactsAsync(named, cancellationToken)).ToDictionary(c => c.CrmId, StringComparer.Ordinal);
            foreach (var gap in gaps)
            {
                foreach (var id in gap.Header.RecordIds)
                {
                    if (read.TryGetValue(id, out var contact))
                    {
                        items.Add(ChangeEventInboxItems.ReRead(connection, gap, contact));
                    }
                    else if (gap.Header.IsDelete)
                    {
                        items.Add(ChangeEventInboxItems.Deleted(connection, gap, id));
                    }
                }
            }

            LogGapReRead(connection, batch.Topic, gaps.Count, named.Count);
        }

        if (gaps.Any(g => g.Header.RecordIds.Count == 0))
        {
            // An overflow that names no records: the poll reads whatever changed.
            await PollAsync(connection, cancellationToken);
        }

        return items;
    }

    private async Task FallBackToPollAsync(string connection, string topic, PubSubException e, CancellationToken cancellationToken)
    {
        status.Failed(connection, topic, ChangeFeedStreamState.PollingFallback, e.Message);
        LogReplayExpired(connection, topic, e.Message);
        await PollAsync(connection, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChangeFeedCommitter>().ForgetAsync(connection, topic, cancellationToken);
    }

    private async Task PollAsync(string connection, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContactPoller>().PollAsync(connection, null, cancellationToken);
        await NudgeInboxAsync(cancellationToken);
    }

    /// <summary>The connection shows it needs re-authorisation; the stream stays down until the worker restarts with new credentials.</summary>
    private async Task WaitForReauthorisationAsync(string connection, string topic, Exception e)
    {
        LogReauthorisation(connection, topic, e.Message);
        var reauth = e as CrmReauthorisationRequiredException ?? e.InnerException as CrmReauthorisationRequiredException
            ?? new CrmReauthorisationRequiredException(connection, e.Message);

        // Not cancelled by shutdown: the connection's state must not be left half-recorded.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var health = scope.ServiceProvider.GetRequiredService<ConnectionHealth>();
            await health.RecordAsync(connection, reauth, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Storage.CadenceDbContext>().SaveChangesAsync(CancellationToken.None);
        }

        status.Failed(connection, topic, ChangeFeedStreamState.NeedsReauthorisation, e.Message);
    }

    private async Task NudgeInboxAsync(CancellationToken cancellationToken)
    {
        // Only the service host schedules jobs; a host without them processes the inbox on its own cycle.
        if (services.GetService<WorkSignal>() is { } signal)
        {
            await signal.NudgeInboxAsync(cancellationToken);
        }
    }

    /// <summary>Reconnects with exponential backoff on the injected clock while the trouble is transient (or may pass).</summary>
    private ResiliencePipeline Reconnection(string connection, string topic)
    {
        var options = salesforce.Get(connection).ChangeDataCapture;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectDelay,
                MaxDelay = options.MaxReconnectDelay,
                ShouldHandle = new PredicateBuilder()
                    .Handle<PubSubException>(e => e.Kind is PubSubFaultKind.Transient or PubSubFaultKind.Permanent)
                    .Handle<Exception>(e => e is not CrmReauthorisationRequiredException && e is not PubSubException && ConnectionHealth.IsConnectionFailure(e)),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception is { } e ? Faults.Describe(e) : "unknown";
                    status.Failed(connection, topic, ChangeFeedStreamState.Reconnecting, error);
                    LogRetrying(connection, topic, args.RetryDelay, error, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Salesforce connection '{Connection}', {Topic}: {Events} change events stored as {Rows} inbox rows")]
    private partial void LogCommitted(string connection, string topic, int events, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}', {Topic}: the stream broke ({Reason}); reconnecting from the last committed replay id")]
    private partial void LogReconnecting(string connection, string topic, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}', {Topic}: reconnecting in {Delay} after {Reason}")]
    private partial void LogRetrying(string connection, string topic, TimeSpan delay, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce connection '{Connection}', {Topic}: {Gaps} gap events; {Records} records read again through the REST API")]
    private partial void LogGapReRead(string connection, string topic, int gaps, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}', {Topic}: the stored replay id cannot be resumed ({Reason}); polling, then subscribing from the latest event")]
    private partial void LogReplayExpired(string connection, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Salesforce connection '{Connection}', {Topic}: credentials refused ({Reason}); the stream waits for re-authorisation")]
    private partial void LogReauthorisation(string connection, string topic, string reason);
}
