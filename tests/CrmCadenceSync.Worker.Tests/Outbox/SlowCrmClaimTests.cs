using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Storage.Options;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Outbox;

public sealed class SlowCrmClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(9);

    /// <summary>
    /// One instance's batch create is slow to reach a portal that does not enforce unique sync keys (it arrives, then
    /// waits 20 s before storing). Its claim on the batch is kept alive meanwhile, so a second instance draining the
    /// same store at that moment takes none of the rows, and every task and note is in HubSpot once. Before the claim was
    /// kept alive, the lease ran out after 9 s and the second instance took all 12 rows of the batch while the first was
    /// still sending them: it sent the status updates again and looked the activities up (finding nothing, since the
    /// slow create had not stored them yet); only the wait before creating a record the search cannot see yet kept it
    /// from creating them twice.
    /// </summary>
    [Fact]
    public async Task A_CRM_call_that_outlasts_the_lease_keeps_its_claim_and_no_other_instance_sends_its_rows_again()
    {
        await using var world = await SandboxWorld.StartAsync(o => o.EnforceActivityUniqueness = false, $"--Cluster:LeaseLength={Lease}");
        for (var i = 0; i < 3; i++)
        {
            var id = world.AddHubSpotContact(95, $"Slow{i}").ToString(CultureInfo.InvariantCulture);
            await InScopeAsync<InboxWriter>(w => w.AppendAsync(
                [new InboxItem(new InboundEvent($"hook:{id}", "hubspot", InboundEventKind.ContactChanged, id, world.Time.GetUtcNow()))], CancellationToken.None));
        }

        while (await InScopeAsync<InboxProcessor>(p => p.ProcessBatchAsync(500, CancellationToken.None)) > 0)
        {
        }

        while (await InScopeAsync<DueStepRunner>(r => r.RunBatchAsync(500, CancellationToken.None)) > 0)
        {
        }

        var activities = await world.QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Pending && (o.WriteType == WriteType.Task || o.WriteType == WriteType.Note)));
        Assert.True(activities >= 3, $"Expected the enrolled contacts' tasks and notes to be queued, found {activities}.");

        // Instance A sends its batch; the portal takes the create in and sits on it.
        world.HubSpot.Faults.SlowCreates();
        await using var scopeA = world.Services.CreateAsyncScope();
        var sendingA = scopeA.ServiceProvider.GetRequiredService<OutboxSender>().SendBatchAsync("hubspot", 500, CancellationToken.None);
        for (var i = 0; !world.HubSpot.Faults.SlowCreateArrived.IsCompleted; i++)
        {
            Assert.True(i < 600 && !sendingA.IsCompleted, "Instance A's batch create never reached the portal.");
            await Task.WhenAny(world.HubSpot.Faults.SlowCreateArrived, sendingA, Task.Delay(1));
            world.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 20 s pass on the clock (more than two leases, less than the request timeout), a second at a time; after each
        // second, the keeper's renewal (if there is one) is given a moment to land.
        var renewals = 0;
        for (var second = 0; second < 20; second++)
        {
            world.Time.Advance(TimeSpan.FromSeconds(1));
            var caughtUp = await LeaseLeftAsync() > Lease - TimeSpan.FromSeconds(4);
            for (var wait = 0; !caughtUp && wait < 100; wait++)
            {
                await Task.Delay(10);
                caughtUp = await LeaseLeftAsync() > Lease - TimeSpan.FromSeconds(4);
            }

            renewals += caughtUp ? 1 : 0;
        }

        // Instance B drains the same store now.
        await using var scopeB = world.Services.CreateAsyncScope();
        var claimsB = new WorkClaims(scopeB.ServiceProvider.GetRequiredService<CadenceDbContext>(), Options.Create(new ClusterOptions { InstanceId = "instance-b", LeaseLength = Lease }));
        var senderB = ActivatorUtilities.CreateInstance<OutboxSender>(scopeB.ServiceProvider, claimsB);
        var takenByB = await world.AdvancingAsync(() => senderB.SendBatchAsync("hubspot", 500, CancellationToken.None));

        world.HubSpot.Faults.ProceedSlowCreates();
        await world.AdvancingAsync(() => sendingA);
        while (await InScopeAsync<OutboxSender>(s => s.SendBatchAsync("hubspot", 500, CancellationToken.None)) > 0)
        {
        }

        var records = world.HubSpot.Portal.Records("tasks").Concat(world.HubSpot.Portal.Records("notes")).ToList();
        var twice = records.GroupBy(r => r.Properties.GetValueOrDefault("ccs_sync_key")).Count(g => g.Count() > 1);
        Console.WriteLine($"slow CRM call: claim renewed at {renewals} of 20 seconds; instance B took {takenByB} rows; {records.Count} tasks and notes in HubSpot for {activities} queued, {twice} stored twice");
        Assert.Equal(0, twice);
        Assert.Equal(activities, records.Count);
        Assert.Equal(0, takenByB);
        Assert.Empty(await world.QueryAsync(db => db.Outbox.Where(o => o.State != OutboxState.Sent && o.State != OutboxState.Superseded).Select(o => o.IdempotencyKey + " " + o.State).ToListAsync()));

        async Task<TimeSpan> LeaseLeftAsync()
        {
            var until = await world.QueryAsync(db => db.Outbox.Where(o => o.State == OutboxState.Pending && o.LeaseUntil != null).MinAsync(o => o.LeaseUntil));
            return (until ?? DateTimeOffset.MinValue) - world.Time.GetUtcNow();
        }

        Task<int> InScopeAsync<T>(Func<T, Task<int>> work)
            where T : notnull => world.AdvancingAsync(async () =>
            {
                await using var scope = world.Services.CreateAsyncScope();
                return await work(scope.ServiceProvider.GetRequiredService<T>());
            });
    }
}
