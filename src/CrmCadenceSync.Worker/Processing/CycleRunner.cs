using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.HubSpotApp;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Rules;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// One full cycle, the <see cref="Pipeline"/>'s hops in order: poll every connection (contacts, then our open tasks' completion), turn the inbox into enrollments, run due steps, queue the
/// closing of exited enrollments' open tasks, drain the outbox. The scheduled jobs run the same steps on their own timers; <c>--once</c> runs this and exits.
/// </summary>
public sealed class CycleRunner(IServiceScopeFactory scopes, ConnectionRegistry connections, PilotBacklog pilotBacklog)
{
    private const int BatchSize = 500;

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        // A version activated through the admin API of a running service applies to this run too.
        await InScopeAsync<ActiveRuleSetFollower>(f => f.FollowAsync(cancellationToken));
        foreach (var connector in connections.All)
        {
            var progress = new ConsoleProgress(output, $"Reading {connector.Connection}", interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            await InScopeAsync<ContactPoller>(p => p.PollAsync(connector.Connection, progress, cancellationToken));
            progress.Done();
            await InScopeAsync<TaskStatePoller>(p => p.PollAsync(connector.Connection, cancellationToken));
        }

        while (await InScopeAsync<InboxProcessor>(p => p.ProcessBatchAsync(BatchSize, cancellationToken)) > 0)
        {
        }

        await pilotBacklog.RunAsync(cancellationToken);

        while (await InScopeAsync<DueStepRunner>(r => r.RunBatchAsync(BatchSize, cancellationToken)) > 0)
        {
        }

        await InScopeAsync<HeldEnrollmentSweep>(s => s.RunAsync(cancellationToken));

        foreach (var connector in connections.All)
        {
            await InScopeAsync<PendingTaskCloser>(c => c.StageAsync(connector.Connection, cancellationToken));
            while (await InScopeAsync<OutboxSender>(s => s.SendBatchAsync(connector.Connection, BatchSize, cancellationToken)) > 0)
            {
            }
        }

        // Workflow executions blocked on enrollments that ended in this cycle get their callbacks completed.
        await InScopeAsync<CallbackCompletionRunner>(r => r.RunAsync(cancellationToken));
    }

    private async Task<int> InScopeAsync<T>(Func<T, Task<int>> work)
        where T : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<T>());
    }
}
