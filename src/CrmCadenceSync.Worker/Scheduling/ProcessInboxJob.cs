using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Webhooks;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>Drains the inbox into enrollments; when anything changed, runs due steps at once.</summary>
[DisallowConcurrentExecution]
public sealed class ProcessInboxJob(InboxProcessor processor, PilotBacklog pilotBacklog, WorkSignal signal) : IJob
{
    public static readonly JobKey Key = new("process-inbox");

    private const int BatchSize = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        signal.InboxRunStarting();
        var processed = 0;
        int batch;
        while ((batch = await processor.ProcessBatchAsync(BatchSize, cancellationToken)) > 0)
        {
            processed += batch;
        }

        await pilotBacklog.RunAsync(cancellationToken);

        if (processed > 0)
        {
            await context.Scheduler.TriggerJob(RunDueStepsJob.Key, cancellationToken);
        }
    }
}
