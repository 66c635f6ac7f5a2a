using System.Diagnostics;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.HubSpotApp;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>
/// The worker's cycle, hop by hop in <see cref="CycleRunner"/>'s order (poll each connection's contacts and task states,
/// drain the inbox, pilots, due steps, drain each outbox), each hop run only when it has work, as the worker's separate
/// jobs run when signalled: a poll when its CRM changed, the inbox after a poll or webhook, due steps when one is due or
/// the inbox or admin changed something, the outbox after either. A full cycle runs on the daily heartbeat.
/// <c>CycleHopTests</c> fails when <see cref="CycleRunner"/> gains a hop this cycle lacks.
/// </summary>
public sealed class SimCycle(IServiceProvider services)
{
    private const int BatchSize = 500;

    public static Dictionary<string, TimeSpan> Timings { get; } = [];

    public async Task RunAsync(WorldChanges changes, bool stepsDue)
    {
        var connections = services.GetRequiredService<ConnectionRegistry>();
        await TimedAsync("follow rule set", () => InScopeAsync<ActiveRuleSetFollower>(f => f.FollowAsync(CancellationToken.None)));
        foreach (var connector in connections.All)
        {
            var changed = connector.Connection == "salesforce" ? WorldChanges.Salesforce : WorldChanges.HubSpot;
            if ((changes & changed) == 0)
            {
                continue;
            }

            await TimedAsync($"poll contacts {connector.Connection}", () => InScopeAsync<ContactPoller>(p => p.PollAsync(connector.Connection, null, CancellationToken.None)));
            if (changes == WorldChanges.All)
            {
                // The simulated reps complete no tasks: reading their states back finds nothing new, so it runs on the
                // heartbeat only.
                await TimedAsync($"poll tasks {connector.Connection}", () => InScopeAsync<TaskStatePoller>(p => p.PollAsync(connector.Connection, CancellationToken.None)));
            }
        }

        if (changes == WorldChanges.None && !stepsDue)
        {
            return;
        }

        await TimedAsync("inbox", async () =>
        {
            while (await InScopeAsync<InboxProcessor>(p => p.ProcessBatchAsync(BatchSize, CancellationToken.None)) > 0)
            {
            }

            return 0;
        });
        await TimedAsync("pilots", async () =>
        {
            await services.GetRequiredService<PilotBacklog>().RunAsync(CancellationToken.None);
            return 0;
        });
        await TimedAsync("due steps", async () =>
        {
            while (await InScopeAsync<DueStepRunner>(r => r.RunBatchAsync(BatchSize, CancellationToken.None)) > 0)
            {
            }

            return 0;
        });
        await TimedAsync("held sweep", () => InScopeAsync<HeldEnrollmentSweep>(s => s.RunAsync(CancellationToken.None)));
        foreach (var connector in connections.All)
        {
            await TimedAsync($"close tasks {connector.Connection}", () => InScopeAsync<PendingTaskCloser>(c => c.StageAsync(connector.Connection, CancellationToken.None)));
            await TimedAsync($"outbox {connector.Connection}", async () =>
            {
                while (await InScopeAsync<OutboxSender>(s => s.SendBatchAsync(connector.Connection, BatchSize, CancellationToken.None)) > 0)
                {
                }

                return 0;
            });
        }

        await TimedAsync("workflow callbacks", () => InScopeAsync<CallbackCompletionRunner>(r => r.RunAsync(CancellationToken.None)));
    }

    private static async Task TimedAsync(string hop, Func<Task<int>> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        lock (Timings)
        {
            Timings[hop] = Timings.GetValueOrDefault(hop) + Stopwatch.GetElapsedTime(started);
        }
    }

    private async Task<int> InScopeAsync<T>(Func<T, Task<int>> work)
        where T : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<T>());
    }
}
