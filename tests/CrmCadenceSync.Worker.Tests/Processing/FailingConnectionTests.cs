using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Processing;

public sealed class FailingConnectionTests
{
    /// <summary>
    /// After a restart nothing knows the reps yet. With Salesforce failing, its due enrollments wait, and HubSpot's,
    /// claimed in the same batch, still run: the reps are read before the batch's transaction, per connection.
    /// </summary>
    [Fact]
    public async Task A_failing_connection_does_not_hold_up_another_connections_due_steps_after_a_restart()
    {
        await using var world = await SandboxWorld.StartAsync();
        world.AddHubSpotContact(95, "Steady");
        world.Salesforce.Org.Add(SalesforceOrgState.Lead, new Dictionary<string, object?>
        {
            ["FirstName"] = "Stalled", ["LastName"] = "Tester", ["Email"] = "stalled.tester@acme.example", ["Title"] = "VP Sales",
            ["OwnerId"] = world.Salesforce.Org.Users[0].Id, ["LeadSource"] = "Web", ["HasOptedOutOfEmail"] = false, ["DoNotCall"] = false,
            ["Lead_Score__c"] = 95m, ["Company"] = "Acme Corp", ["Country"] = "US", ["Status"] = "Open - Not Contacted", ["IsConverted"] = false,
            ["Quiz_Primary_Challenge__c"] = "pipeline visibility", ["Quiz_Team_Size__c"] = "11-50", ["Quiz_Timeline__c"] = "this quarter",
        });
        await world.RunCycleAsync();
        var enrolled = await world.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.IsOpen).Select(e => e.Connection + ":" + e.State + ":" + e.HoldReason).ToListAsync());
        Assert.Contains("hubspot:Active:", enrolled);
        Assert.Contains("salesforce:Active:", enrolled);

        await world.RestartAsync();
        world.Salesforce.Faults.FailNext(1_000_000, 503);
        var now = world.Time.GetUtcNow();
        var before = await world.QueryAsync(async db =>
        {
            await db.Enrollments.Where(e => e.IsOpen).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextDueAt, now));
            return await db.Outbox.CountAsync(o => o.Connection == "hubspot" && o.WriteType != WriteType.ContactStatus);
        });

        var ran = await world.AdvancingAsync(async () =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DueStepRunner>().RunBatchAsync(500, CancellationToken.None);
        });
        var after = await world.QueryAsync(db => db.Outbox.CountAsync(o => o.Connection == "hubspot" && o.WriteType != WriteType.ContactStatus));
        var stalled = await world.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "salesforce" && e.IsOpen));

        Assert.Equal(2, ran);
        Assert.True(after > before, "HubSpot's due step should have queued its write.");
        Assert.Equal(now, stalled.NextDueAt);
    }
}
