using CrmCadenceSync.Worker.Scheduling;
using Quartz;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>Starts work as soon as it arrives, so a hot lead's first task does not wait for a timer.</summary>
public sealed class WorkSignal(ISchedulerFactory schedulers)
{
    /// <summary>A webhook was stored: process the inbox now.</summary>
    public Task NudgeInboxAsync(CancellationToken cancellationToken) => TriggerAsync(ProcessInboxJob.Key, cancellationToken);

    /// <summary>Enrollments were made outside the inbox (a trigger): run due steps now.</summary>
    public Task NudgeDueStepsAsync(CancellationToken cancellationToken) => TriggerAsync(RunDueStepsJob.Key, cancellationToken);

    private async Task TriggerAsync(JobKey job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(job, cancellationToken);
    }
}
