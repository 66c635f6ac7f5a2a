using CrmCadenceSync.Worker.Processing;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>Polls one connection for changed contacts; what it stores is processed right after.</summary>
[DisallowConcurrentExecution]
public sealed class PollConnectionJob(ContactPoller poller) : IJob
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
    }
}
