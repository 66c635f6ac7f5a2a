using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce.Tests.Support;

namespace CrmCadenceSync.Salesforce.Tests.Budget;

public sealed class BudgetTests
{
    [Fact]
    public async Task REQUEST_LIMIT_EXCEEDED_parks_the_work_instead_of_retrying()
    {
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 4, Contacts = 4, DailyApiLimit = 1000 },
            new Dictionary<string, string?> { ["BudgetReservePercent"] = "0" });
        host.Sandbox.Org.SetApiCallsUsed(1000);
        var activities = Activities.For(host.Sandbox.Org, 3);

        var parked = await Assert.ThrowsAsync<CrmParkedException>(() => host.Connector.WriteActivitiesAsync(activities, CancellationToken.None));
        var restCalls = RestCalls(host);
        await Assert.ThrowsAsync<CrmParkedException>(() => host.Connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.Contains("REQUEST_LIMIT_EXCEEDED", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(SalesforceTestHost.Now.AddHours(1), parked.Until);
        Assert.Equal(ConnectionState.Parked, host.Connector.State);
        Assert.Equal(1, restCalls);
        Assert.Equal(restCalls, RestCalls(host));
        Assert.Empty(host.Sandbox.Org.Tasks);
    }

    [Fact]
    public async Task Work_parks_before_the_org_runs_out_and_resumes_after_the_park()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4, DailyApiLimit = 100 });
        host.Sandbox.Org.SetApiCallsUsed(94);
        var activities = Activities.For(host.Sandbox.Org, 2);

        await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);
        var parked = await Assert.ThrowsAsync<CrmParkedException>(() => host.Connector.WriteActivitiesAsync(activities, CancellationToken.None));

        Assert.Equal(95, host.Sandbox.Org.ApiCallsUsed);
        Assert.Contains("95 of 100", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.Parked, host.Connector.State);

        host.Sandbox.Org.SetApiCallsUsed(10);
        host.Time.Advance(TimeSpan.FromHours(1));
        var results = await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(ConnectionState.Ok, host.Connector.State);
    }

    [Fact]
    public async Task Every_answer_carries_Sforce_Limit_Info_and_limits_seed_the_budget()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4, DailyApiLimit = 5000 });
        host.Sandbox.Org.SetApiCallsUsed(17);

        await host.Connector.RefreshBudgetAsync(CancellationToken.None);

        Assert.Equal(18, host.Connector.Budget.Used);
        Assert.Equal(5000, host.Connector.Budget.OrgLimit);
        Assert.All(
            host.Requests.Where(e => e.Path.StartsWith("/services/data/", StringComparison.Ordinal)),
            e => Assert.Equal("api-usage=18/5000", e.LimitInfo));
    }

    private static int RestCalls(SalesforceTestHost host) =>
        host.Requests.Count(e => e.Path.StartsWith("/services/data/", StringComparison.Ordinal));
}
