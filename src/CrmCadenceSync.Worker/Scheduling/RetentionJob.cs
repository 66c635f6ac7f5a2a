using CrmCadenceSync.Worker.Retention;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionRunner runner) : IJob
{
    public static readonly JobKey Key = new("retention");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAsync(cancellationToken);
}
