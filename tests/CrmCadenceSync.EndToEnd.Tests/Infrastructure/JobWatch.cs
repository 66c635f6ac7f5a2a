using Quartz;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Listens to the worker's Quartz scheduler: every finished job completes <see cref="NextCompletion"/>, and a run the
/// test triggered itself (marked in its job data) completes its own task, so tests await work instead of sleeping.
/// </summary>
internal sealed class JobWatch : IJobListener
{
    public const string MarkKey = "end-to-end-mark";

    private readonly Lock gate = new();
    private readonly Dictionary<string, TaskCompletionSource> marked = new(StringComparer.Ordinal);
    private readonly List<string> failures = [];
    private TaskCompletionSource next = NewSource();
    private readonly HashSet<string> running = new(StringComparer.Ordinal);
    private readonly HashSet<JobKey> finishedOnce = [];

    public string Name => "end-to-end-watch";

    /// <summary>Completes when the next job run finishes, whichever job it is.</summary>
    public Task NextCompletion
    {
        get
        {
            lock (gate)
            {
                return next.Task;
            }
        }
    }

    /// <summary>Job runs seen starting and not yet finished (runs already going when the watch was attached are not counted).</summary>
    public int Running
    {
        get
        {
            lock (gate)
            {
                return running.Count;
            }
        }
    }

    /// <summary>Whether a run of <paramref name="job"/> has finished since the watch was attached.</summary>
    public bool HasFinished(JobKey job)
    {
        lock (gate)
        {
            return finishedOnce.Contains(job);
        }
    }

    /// <summary>Jobs that threw, with their error: shown when a wait gives up.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (gate)
            {
                return [.. failures];
            }
        }
    }

    /// <summary>A mark to put in a triggered run's job data, and the task that completes when that run has finished.</summary>
    public (string Mark, Task Finished) Mark()
    {
        var mark = Guid.NewGuid().ToString("N");
        var source = NewSource();
        lock (gate)
        {
            marked[mark] = source;
        }

        return (mark, source.Task);
    }

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            running.Add(context.FireInstanceId);
        }

        return default;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource finished;
        TaskCompletionSource? mine = null;
        lock (gate)
        {
            running.Remove(context.FireInstanceId);
            finishedOnce.Add(context.JobDetail.Key);
            finished = next;
            next = NewSource();
            if (jobException is not null)
            {
                failures.Add($"{context.JobDetail.Key}: {jobException.GetBaseException().Message}");
            }

            if (context.MergedJobDataMap.TryGetString(MarkKey, out var mark) && mark is not null && marked.Remove(mark, out var source))
            {
                mine = source;
            }
        }

        if (mine is not null && jobException is not null)
        {
            mine.TrySetException(jobException);
        }
        else
        {
            mine?.TrySetResult();
        }

        finished.TrySetResult();
        return default;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
