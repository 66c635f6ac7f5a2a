namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>Faults to inject: server errors for the next calls, or a batch create that stores and then never answers.</summary>
public sealed class SandboxFaults
{
    private readonly Lock gate = new();
    private int failNext;
    private int failStatus = 502;
    private TimeSpan? failRetryAfter;
    private int timeoutAfterStore;
    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a create has been stored and its answer is being held back.</summary>
    public Task TimeoutHeld
    {
        get
        {
            lock (gate)
            {
                return held.Task;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> API calls fail with <paramref name="status"/> (and a Retry-After, if given) before doing anything.</summary>
    public void FailNext(int count, int status = 502, TimeSpan? retryAfter = null)
    {
        lock (gate)
        {
            failNext = count;
            failStatus = status;
            failRetryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="count"/> batch creates store their records, then hold the answer until the client gives up.</summary>
    public void TimeoutAfterStore(int count = 1)
    {
        lock (gate)
        {
            timeoutAfterStore = count;
            held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    internal (int Status, TimeSpan? RetryAfter)? TakeFailure()
    {
        lock (gate)
        {
            if (failNext <= 0)
            {
                return null;
            }

            failNext--;
            return (failStatus, failRetryAfter);
        }
    }

    internal bool TakeTimeoutAfterStore()
    {
        lock (gate)
        {
            if (timeoutAfterStore <= 0)
            {
                return false;
            }

            timeoutAfterStore--;
            held.TrySetResult();
            return true;
        }
    }
}
