using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Webhooks;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>
/// Polls one connection for changed contacts, then reads back our open tasks, whose call outcomes may end enrollments,
/// and queues the closing of exited enrollments' open tasks (the outbox job sends them).
/// What the poll stores is processed right after by this instance's inbox job (this job may run in the clustered
/// scheduler; the inbox job always runs locally).
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollConnectionJob(ContactPoller poller, TaskStatePoller taskStates, PendingTaskCloser closer, WorkSignal signal) : IJob
{
    public const string Group = "poll";
    public const string ConnectionKey = "connection";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var connection = context.MergedJobDataMap.GetString(ConnectionKey)!;
        if (await poller.PollAsync(connection, progress: null, cancellationToken) > 0)
        {
            await signal.ContinueAfterAsync(PipelineHop.Poll, cancellationToken);
        }

        await taskStates.PollAsync(connection, cancellationToken);
        await closer.StageAsync(connection, cancellationToken);
    }
}
