using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Webhooks;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>
/// The pipeline's <see cref="PipelineHop.Inbox"/> hop: drains the inbox into enrollments; when anything changed, the next hop runs at once. Once the host is stopping it
/// takes no further batch: each batch is its own transaction, so what is left waits in the inbox for the next start,
/// and shutdown does not outlast the host's timeout (which would dispose the services under a running batch).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ProcessInboxJob(InboxProcessor processor, PilotBacklog pilotBacklog, WorkSignal signal, IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("process-inbox");

    private const int BatchSize = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        signal.InboxRunStarting();
        var processed = 0;
        int batch;
        while (!lifetime.ApplicationStopping.IsCancellationRequested && (batch = await processor.ProcessBatchAsync(BatchSize, cancellationToken)) > 0)
        {
            processed += batch;
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        await pilotBacklog.RunAsync(cancellationToken);

        if (processed > 0)
        {
            await signal.ContinueAfterAsync(PipelineHop.Inbox, cancellationToken);
        }
    }
}
