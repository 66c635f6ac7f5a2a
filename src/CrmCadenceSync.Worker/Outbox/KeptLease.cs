using CrmCadenceSync.Storage.Claims;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// One batch's claim kept alive (<see cref="OutboxLeaseKeeper"/>). Renewals take turns behind one gate, so the lease
/// the batch knows is always the one on its rows; a row found taken over is dropped from the keep and reported.
/// </summary>
public sealed partial class KeptLease : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;
    private readonly WorkClaims claims;
    private readonly string connection;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task heartbeat;
    private WorkLease lease;
    private HashSet<long> held;
    private bool stopped;

    internal KeptLease(AsyncServiceScope scope, string connection, WorkLease lease, IReadOnlyCollection<long> ids, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        this.scope = scope;
        claims = scope.ServiceProvider.GetRequiredService<WorkClaims>();
        this.connection = connection;
        this.lease = lease;
        held = [.. ids];
        this.interval = interval;
        this.time = time;
        this.logger = logger;
        heartbeat = BeatAsync(stopping.Token);
    }

    /// <summary>Renews the claim now and returns the rows it still holds (a subset of those given at the start).</summary>
    public async Task<IReadOnlySet<long>> RenewAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await RenewHeldAsync(cancellationToken);
            return held;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (a write to the same rows on the batch's own connection) while no renewal runs: on
    /// PostgreSQL the two, each updating many rows, could otherwise lock them in opposite orders and deadlock.
    /// </summary>
    public async Task<T> WithoutRenewalAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the heartbeat after one last renewal, so the batch commits with a whole lease ahead.</summary>
    /// <returns>The lease now on the rows still held.</returns>
    public async Task<WorkLease> StopAsync(CancellationToken cancellationToken)
    {
        await StopBeatingAsync();
        await RenewHeldAsync(cancellationToken);
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        await StopBeatingAsync();
        stopping.Dispose();
        gate.Dispose();
        await scope.DisposeAsync();
    }

    private async Task StopBeatingAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await stopping.CancelAsync();
        await heartbeat;
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        // Off the caller's thread: the first beat is a lease-third away anyway.
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken);
                await gate.WaitAsync(cancellationToken);
                try
                {
                    // Not cancelled midway: an update that landed unrecorded would leave the rows on a lease this batch
                    // no longer knows.
                    await RenewHeldAsync(CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next beat tries again; if the lease runs out meanwhile, the rows' new holder looks each one up by
                // its sync key before sending it.
                LogRenewalFailed(e, connection);
            }
        }
    }

    private async Task RenewHeldAsync(CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return;
        }

        var (renewed, stillHeld) = await claims.RenewOutboxAsync(lease, held, time.GetUtcNow(), cancellationToken);
        if (stillHeld.Count < held.Count)
        {
            LogLost(connection, held.Count - stillHeld.Count, lease.Until);
        }

        lease = renewed;
        held = stillHeld;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: renewing the claim on a batch of CRM writes failed; trying again at the next beat")]
    private partial void LogRenewalFailed(Exception exception, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: {Count} CRM writes of a batch were taken over by another instance (their lease until {Until:O} ran out)")]
    private partial void LogLost(string connection, int count, DateTimeOffset until);
}
