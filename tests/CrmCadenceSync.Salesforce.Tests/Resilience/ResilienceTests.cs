using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce.Tests.Support;
using Polly.CircuitBreaker;

namespace CrmCadenceSync.Salesforce.Tests.Resilience;

/// <summary>The same resilience pipeline as HubSpot's: transient answers retried, a failing org's circuit opened.</summary>
public sealed class ResilienceTests
{
    [Theory]
    [InlineData(408, "REQUEST_TIMEOUT")]
    [InlineData(429, "REQUEST_LIMIT_EXCEEDED")]
    [InlineData(503, "SERVER_UNAVAILABLE")]
    public async Task A_transient_answer_is_retried_and_the_write_goes_through_once(int status, string code)
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 5 });
        var activities = Activities.For(host.Sandbox.Org, 10);
        await host.Connector.ReadOwnersAsync(CancellationToken.None);
        host.Sandbox.Faults.FailNext(2, status, code);

        var results = await RunAsync(host, () => host.Connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(10, host.Sandbox.Org.Tasks.Count);
        var upserts = host.Requests.Where(e => e.Path.EndsWith("/composite/sobjects/Task/CCS_Sync_Key__c", StringComparison.Ordinal)).ToList();
        Assert.Equal([status, status, 200], upserts.Select(u => u.Status));
    }

    [Fact]
    public async Task A_row_lock_on_the_whole_call_is_transient_not_dead_lettered()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 5 });
        var activities = Activities.For(host.Sandbox.Org, 3);
        await host.Connector.ReadOwnersAsync(CancellationToken.None);
        host.Sandbox.Faults.FailNext(1, 400, "UNABLE_TO_LOCK_ROW");

        var results = await RunAsync(host, () => host.Connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.All(results, r => Assert.Equal((false, "UNABLE_TO_LOCK_ROW"), (r.Error!.IsPermanent, r.Error.Code)));
    }

    [Fact]
    public async Task The_circuit_breaker_stops_calling_a_failing_org()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 5 }, new Dictionary<string, string?> { ["MaxRetryAttempts"] = "0" });
        await host.Connector.ReadOwnersAsync(CancellationToken.None);
        host.Sandbox.Faults.FailNext(1_000, 500, "UNKNOWN_EXCEPTION");
        Exception? last = null;
        for (var i = 0; i < 20 && Open(last) is null; i++)
        {
            last = await Record.ExceptionAsync(() => host.Connector.ReadOwnersAsync(CancellationToken.None));
        }

        // Refit wraps what the handler chain threw.
        Assert.NotNull(Open(last));
        var sent = host.Sandbox.Server.LogEntries.Count;
        Assert.NotNull(Open(await Record.ExceptionAsync(() => host.Connector.ReadOwnersAsync(CancellationToken.None))));
        Assert.Equal(sent, host.Sandbox.Server.LogEntries.Count);

        static BrokenCircuitException? Open(Exception? e) => e as BrokenCircuitException ?? e?.InnerException as BrokenCircuitException;
    }

    /// <summary>Moves the fake clock on in 100 ms steps while <paramref name="work"/> waits, so retry delays pass.</summary>
    private static async Task<T> RunAsync<T>(SalesforceTestHost host, Func<Task<T>> work)
    {
        var task = work();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                host.Time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        return await task;
    }
}
