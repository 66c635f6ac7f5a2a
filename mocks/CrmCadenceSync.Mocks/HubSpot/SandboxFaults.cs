namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>Faults to inject: server errors for the next calls, a batch create that stores and then never answers, or one that is slow to store.</summary>
public sealed class SandboxFaults
{
    private readonly Lock gate = new();
    private int failNext;
    private int failStatus = 502;
    private TimeSpan? failRetryAfter;
    private int timeoutAfterStore;
    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int slowCreates;
    private TaskCompletionSource slowArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource slowRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a slow create (<see cref="SlowCreates"/>) has arrived and is waiting to be processed.</summary>
    public Task SlowCreateArrived
    {
        get
        {
            lock (gate)
            {
                return slowArrived.Task;
            }
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> batch creates wait, before storing anything, until <see cref="ProceedSlowCreates"/>:
    /// a portal that takes its time (a busy CRM, a slow network). A client that gives up meanwhile has still sent them.
    /// </summary>
    public void SlowCreates(int count = 1)
    {
        lock (gate)
        {
            slowCreates = count;
            slowArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            slowRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the waiting slow creates go on.</summary>
    public void ProceedSlowCreates()
    {
        lock (gate)
        {
            slowRelease.TrySetResult();
        }
    }

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

    internal Task? TakeSlowCreate()
    {
        lock (gate)
        {
            if (slowCreates <= 0)
            {
                return null;
            }

            slowCreates--;
            slowArrived.TrySetResult();
            return slowRelease.Task;
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
