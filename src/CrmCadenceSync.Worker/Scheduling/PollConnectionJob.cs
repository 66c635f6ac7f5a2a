using CrmCadenceSync.Worker.Processing;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>
/// Polls one connection for changed contacts (what it stores is processed right after), then reads back our open
/// tasks, whose call outcomes may end enrollments.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollConnectionJob(ContactPoller poller, TaskStatePoller taskStates) : IJob
{
    public const string Group = "poll";
    public const string ConnectionKey = "connection";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var connection = context.MergedJobDataMap.GetString(ConnectionKey)!;
        if (await poller.PollAsync(connection, progress: null, cancellationToken) > 0)
        {
            await context.Scheduler.TriggerJob(ProcessInboxJob.Key, cancellationToken);
        }

        await taskStates.PollAsync(connection, cancellationToken);
    }
}
