using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Webhooks;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>
/// The pipeline's <see cref="PipelineHop.DueSteps"/> hop: runs every step that has come due and ends enrollments held too long (<see cref="HeldEnrollmentSweep"/>); then drains the outboxes at once. Takes no further batch once
/// the host is stopping (see <see cref="ProcessInboxJob"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RunDueStepsJob(DueStepRunner runner, HeldEnrollmentSweep heldSweep, WorkSignal signal, IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("run-due-steps");

    private const int BatchSize = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var ran = 0;
        int batch;
        while (!lifetime.ApplicationStopping.IsCancellationRequested && (batch = await runner.RunBatchAsync(BatchSize, cancellationToken)) > 0)
        {
            ran += batch;
        }

        context.Result = ran;
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        await heldSweep.RunAsync(cancellationToken);

        // Notes and status writes are queued by inbox processing even when no step ran, so drain regardless.
        await signal.ContinueAfterAsync(PipelineHop.DueSteps, cancellationToken);
    }
}
