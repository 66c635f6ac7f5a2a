namespace CrmCadenceSync.HubSpot.Budget;

/// <summary>
/// A token bucket whose tokens come back one window after the call that spent them finished, so no rolling window
/// (HubSpot counts <c>TEN_SECONDLY_ROLLING</c>) ever sees more than <c>permits</c> calls. Runs on <see cref="TimeProvider"/>.
/// </summary>
public sealed class RollingWindowLimiter(int permits, TimeSpan window, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> finished = new();
    private int inFlight;
    private TaskCompletionSource released = NewSignal();

    public int Permits { get; } = permits;

    public TimeSpan Window { get; } = window;

    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            Task releasedSignal;
            lock (gate)
            {
                var now = time.GetUtcNow();
                while (finished.TryPeek(out var at) && now - at >= Window)
                {
                    finished.Dequeue();
                }

                if (inFlight + finished.Count < Permits)
                {
                    inFlight++;
                    return new Lease(this);
                }

                wait = finished.TryPeek(out var oldest) ? oldest + Window - now : Timeout.InfiniteTimeSpan;
                releasedSignal = released.Task;
            }

            if (wait == Timeout.InfiniteTimeSpan)
            {
                await releasedSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, time, stop.Token);
                await Task.WhenAny(delay, releasedSignal).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private void Release()
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            inFlight--;
            finished.Enqueue(time.GetUtcNow());
            signal = released;
            released = NewSignal();
        }

        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Lease(RollingWindowLimiter owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
