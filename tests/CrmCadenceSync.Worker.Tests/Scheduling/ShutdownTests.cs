using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Worker.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace CrmCadenceSync.Worker.Tests.Scheduling;

public sealed class ShutdownTests
{
    /// <summary>
    /// A stopping host must not start another inbox batch: a backlog of minutes would otherwise outlast the host's
    /// shutdown timeout, and the services would be disposed under the running batch. What is left stays in the inbox.
    /// </summary>
    [Fact]
    public async Task Once_the_service_is_stopping_the_inbox_job_leaves_the_backlog_for_the_next_start()
    {
        await using var world = await SandboxWorld.StartAsync();
        var contacts = Enumerable.Range(0, 3).Select(i => world.AddHubSpotContact(40, $"Backlog{i}")).ToList();
        await world.RunCycleAsync();
        var service = await world.StartServiceAsync();
        try
        {
            // The hosted service starts the scheduler once the host has started; a host already stopping would not.
            var scheduler = await service.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Start();
            var finished = new FinishedListener();
            scheduler.ListenerManager.AddJobListener(finished, [Matchers.Key(ProcessInboxJob.Key)]);

            service.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await AppendAsync(world, contacts, events: 1_200);
            finished.Arm();
            await scheduler.TriggerJob(ProcessInboxJob.Key);
            await finished.Executed.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Null(finished.Failure);
            Assert.Equal(1_200, await world.QueryAsync(db => db.InboxEvents.CountAsync(e => e.DedupeKey.StartsWith("backlog:") && e.ProcessedAt == null && e.ClaimedBy == null)));
        }
        finally
        {
            await service.StopAsync();
            await service.DisposeAsync();
        }

        await world.RunCycleAsync();
        Assert.Equal(0, await world.QueryAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedAt == null)));
    }

    private static async Task AppendAsync(SandboxWorld world, List<long> contacts, int events)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var now = world.Time.GetUtcNow();
        var items = Enumerable.Range(0, events).Select(i =>
        {
            var contact = contacts[i % contacts.Count].ToString(CultureInfo.InvariantCulture);
            return new InboxItem(new InboundEvent($"backlog:{i:D5}", "hubspot", InboundEventKind.ContactChanged, contact, now, "hubspotscore", "40"));
        }).ToList();
        Assert.Equal(events, await scope.ServiceProvider.GetRequiredService<InboxWriter>().AppendAsync(items, CancellationToken.None));
    }

    /// <summary>Reports the first run that starts after <see cref="Arm"/>, so a timer's run already under way does not count.</summary>
    private sealed class FinishedListener : IJobListener
    {
        private volatile bool armed;
        private string? watched;

        public string Name => nameof(FinishedListener);

        public TaskCompletionSource Executed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public JobExecutionException? Failure { get; private set; }

        public void Arm() => armed = true;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (armed)
            {
                Interlocked.CompareExchange(ref watched, context.FireInstanceId, null);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.FireInstanceId == Volatile.Read(ref watched))
            {
                Failure = jobException;
                Executed.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }
}
