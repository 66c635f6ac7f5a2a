using CrmCadenceSync.Worker.Scheduling;
using Quartz;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>Starts inbox processing as soon as a webhook is stored, so a hot lead's first task does not wait for a timer.</summary>
public sealed class InboxSignal(ISchedulerFactory schedulers)
{
    public async Task NudgeAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(ProcessInboxJob.Key, cancellationToken);
    }
}
