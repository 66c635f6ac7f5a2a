using Quartz;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>Completes the workflow callbacks whose enrollment has ended (<see cref="CallbackCompletionRunner"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class CompleteCallbacksJob(CallbackCompletionRunner runner) : IJob
{
    public static readonly JobKey Key = new("complete-workflow-callbacks");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await runner.RunAsync(cancellationToken);
}
