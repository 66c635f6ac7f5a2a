using System.Net.Http.Json;
using System.Text.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce.Tests.Support;

namespace CrmCadenceSync.Salesforce.Tests.Reading;

public sealed class TaskStateTests
{
    [Fact]
    public async Task Tasks_are_read_back_in_one_query_with_status_completion_and_the_call_result_a_rep_logged()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 5 });
        var written = await host.Connector.WriteActivitiesAsync(Activities.For(host.Sandbox.Org, 3), CancellationToken.None);
        var ids = written.Select(w => w.CrmId!).ToList();

        // The rep completes two tasks through the REST API (as Salesforce's UI does), one with a Call Result.
        host.Time.Advance(TimeSpan.FromHours(2));
        var at = host.Time.GetUtcNow();
        using (var http = new HttpClient { BaseAddress = host.Sandbox.Url })
        {
            var token = await http.PostAsync(new Uri("/services/oauth2/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = host.Sandbox.Org.Options.ClientId,
                ["client_secret"] = host.Sandbox.Org.Options.ClientSecret,
            }));
            var session = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri("/services/data/v62.0/composite/sobjects", UriKind.Relative))
            {
                Content = JsonContent.Create(new
                {
                    allOrNone = false,
                    records = new object[]
                    {
                        new Dictionary<string, object> { ["attributes"] = new { type = "Task" }, ["Id"] = ids[0], ["Status"] = "Completed", ["CallDisposition"] = "Not interested" },
                        new Dictionary<string, object> { ["attributes"] = new { type = "Task" }, ["Id"] = ids[1], ["Status"] = "Completed" },
                    },
                }),
            };
            request.Headers.Authorization = new("Bearer", session);
            using var updated = await http.SendAsync(request);
            Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync());
        }

        host.Sandbox.Server.ResetLogEntries();
        var states = await host.Connector.ReadTaskStatesAsync(ids, CancellationToken.None);

        Assert.Equal(
            [new CrmTaskState(ids[0], true, at, "Not interested"), new CrmTaskState(ids[1], true, at, null), new CrmTaskState(ids[2], false, null, null)],
            states.OrderBy(s => s.CrmId, StringComparer.Ordinal));
        var query = Assert.Single(host.Sandbox.Server.LogEntries, e => e.RequestMessage!.Path.EndsWith("/query", StringComparison.Ordinal));
        var soql = query.RequestMessage!.Query!["q"].Single();
        Assert.StartsWith("SELECT Id, Status, IsClosed, CompletedDateTime, CallDisposition, SystemModstamp FROM Task WHERE Id IN (", soql, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Contains($"'{id}'", soql, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tasks_are_closed_with_one_collections_update_of_Status_and_a_deleted_task_needs_nothing_more()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 5 });
        var written = await host.Connector.WriteActivitiesAsync(Activities.For(host.Sandbox.Org, 3), CancellationToken.None);
        var ids = written.Select(w => w.CrmId!).ToList();
        host.Sandbox.Org.Delete(ids[2]);
        host.Sandbox.Server.ResetLogEntries();

        var closed = await host.Connector.CloseTasksAsync(
            [new TaskClosure("a:close", ids[0]), new TaskClosure("gone:close", ids[2])], CancellationToken.None);

        Assert.Equal([new CrmWriteResult("a:close", ids[0], null), new CrmWriteResult("gone:close", ids[2], null)], closed);
        var task = host.Sandbox.Org.Find(ids[0])!;
        Assert.Equal(("Completed", true), ((string?)task.Fields["Status"], (bool?)task.Fields["IsClosed"]));
        Assert.Equal(false, host.Sandbox.Org.Find(ids[1])!.Fields["IsClosed"]);
        var update = Assert.Single(host.Sandbox.Server.LogEntries, e => e.RequestMessage!.Method == "PATCH" && e.RequestMessage.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal));
        var records = JsonDocument.Parse(update.RequestMessage!.Body!).RootElement.GetProperty("records");
        Assert.Equal(
            [(ids[0], "Completed"), (ids[2], "Completed")],
            records.EnumerateArray().Select(r => (r.GetProperty("Id").GetString(), r.GetProperty("Status").GetString())));
    }
}
