using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Scheduling;
using Quartz;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>
/// Starts work as soon as it arrives, so a hot lead's first task does not wait for a timer. Inbox nudges coalesce:
/// while one run is queued and has not yet started reading the inbox, it will see every event stored meanwhile, so a
/// burst of webhooks queues one run instead of one per request.
/// </summary>
public sealed class WorkSignal(ISchedulerFactory schedulers)
{
    private int inboxQueued;

    /// <summary>A webhook was stored: process the inbox now.</summary>
    public async Task NudgeInboxAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref inboxQueued, 1) == 1)
        {
            return;
        }

        try
        {
            await RunHopAsync(PipelineHop.Inbox, cancellationToken);
        }
        catch
        {
            Volatile.Write(ref inboxQueued, 0);
            throw;
        }
    }

    /// <summary>Called by the inbox run before it reads: events stored from now on need a run of their own.</summary>
    public void InboxRunStarting() => Volatile.Write(ref inboxQueued, 0);

    /// <summary>Enrollments were made outside the inbox (a trigger): run due steps now.</summary>
    public Task NudgeDueStepsAsync(CancellationToken cancellationToken) => RunHopAsync(PipelineHop.DueSteps, cancellationToken);

    /// <summary><paramref name="hop"/> did some work: start the hop after it (<see cref="Pipeline.After"/>) now.</summary>
    public Task ContinueAfterAsync(PipelineHop hop, CancellationToken cancellationToken) =>
        Pipeline.After(hop) is { } next ? (next == PipelineHop.Inbox ? NudgeInboxAsync(cancellationToken) : RunHopAsync(next, cancellationToken)) : Task.CompletedTask;

    private async Task RunHopAsync(PipelineHop hop, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        IEnumerable<JobKey> jobs = hop switch
        {
            PipelineHop.Inbox => [ProcessInboxJob.Key],
            PipelineHop.DueSteps => [RunDueStepsJob.Key],
            PipelineHop.Outbox => await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(DrainOutboxJob.Group), cancellationToken),
            _ => await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PollConnectionJob.Group), cancellationToken),
        };
        foreach (var job in jobs)
        {
            await scheduler.TriggerJob(job, cancellationToken);
        }
    }
}
