using CrmCadenceSync.Worker.Scheduling;
using Quartz;

namespace CrmCadenceSync.Worker.Webhooks;

/// <summary>
/// Starts inbox processing as soon as a webhook is stored, so a hot lead's first task does not wait for a timer.
/// Nudges coalesce: while one run is queued and has not yet started reading the inbox, it will see every event
/// stored meanwhile, so a burst of webhooks queues one run instead of one per request.
/// </summary>
public sealed class InboxSignal(ISchedulerFactory schedulers)
{
    private int queued;

    public async Task NudgeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref queued, 1) == 1)
        {
            return;
        }

        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.TriggerJob(ProcessInboxJob.Key, cancellationToken);
        }
        catch
        {
            Volatile.Write(ref queued, 0);
            throw;
        }
    }

    /// <summary>Called by the inbox run before it reads: events stored from now on need a run of their own.</summary>
    public void RunStarting() => Volatile.Write(ref queued, 0);
}
