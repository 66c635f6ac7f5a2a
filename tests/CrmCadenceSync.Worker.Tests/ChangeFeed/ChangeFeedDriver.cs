using CrmCadenceSync.Mocks.Salesforce.PubSub;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.ChangeFeed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.ChangeFeed;

/// <summary>
/// Runs the worker's change event streams (as the service host does) over a <see cref="SandboxWorld"/>, and waits for what
/// the sandbox's Pub/Sub server or the store show, by checking again each time either moves on.
/// </summary>
internal sealed class ChangeFeedDriver(SandboxWorld world) : IDisposable
{
    private CancellationTokenSource? stop;
    private Task? running;

    public ChangeEventLog Log => world.Salesforce.PubSub!.Log;

    /// <summary>Starts the streams and returns once the server has opened <paramref name="subscriptions"/> streams in all.</summary>
    public async Task StartAsync(int subscriptions)
    {
        stop?.Dispose();
        stop = new CancellationTokenSource();
        running = world.Services.GetRequiredService<ChangeFeedRunner>().RunAllAsync(stop.Token);
        await UntilAsync(() => Task.FromResult(Log.Subscriptions.Count >= subscriptions), $"{subscriptions} Subscribe streams");
    }

    /// <summary>Stops the streams as a shutting-down process would.</summary>
    public async Task StopAsync()
    {
        await stop!.CancelAsync();
        await running!;

        // The server notices the streams went away a little later; until then they could still take a test's fault.
        await UntilAsync(() => Task.FromResult(Log.OpenStreams == 0), "the server closing the streams");
    }

    public void Dispose() => stop?.Dispose();

    public Task<List<InboxEventEntity>> ChangeEventRowsAsync() =>
        world.QueryAsync(db => db.InboxEvents.AsNoTracking().Where(e => e.DedupeKey.StartsWith("cdc")).OrderBy(e => e.Id).ToListAsync());

    public Task<ChangeFeedPositionEntity?> PositionAsync(string topic) =>
        world.QueryAsync(db => db.ChangeFeedPositions.AsNoTracking().SingleOrDefaultAsync(p => p.Topic == topic));

    /// <summary>Waits until the inbox holds at least <paramref name="count"/> change event rows.</summary>
    public Task UntilRowsAsync(int count) =>
        UntilAsync(async () => (await ChangeEventRowsAsync()).Count >= count, $"{count} change event rows in the inbox");

    /// <summary>
    /// Checks <paramref name="condition"/> until it holds. The work happens on the streams' own tasks over loopback
    /// sockets; the bound only turns a hang into a failure naming what never happened.
    /// </summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (running?.IsFaulted == true)
            {
                await running;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Never saw {what}; streams: {string.Join("; ", world.Services.GetRequiredService<ChangeFeedStatus>().Streams)}");
            await Task.Delay(10);
        }
    }
}
