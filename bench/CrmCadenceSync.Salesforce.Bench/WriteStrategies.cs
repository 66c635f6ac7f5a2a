using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;

namespace CrmCadenceSync.Salesforce.Bench;

/// <summary>The two ways of writing the same touches: the connector's 200-record upserts, and one call per task.</summary>
internal static class WriteStrategies
{
    public static async Task<BenchResult> ConnectorAsync(SalesforceConnector connector, SalesforceSandbox sandbox, IReadOnlyList<CrmActivity> tasks)
    {
        var before = sandbox.Org.ApiCallsUsed;
        var clock = Stopwatch.StartNew();
        var results = await connector.WriteActivitiesAsync(tasks, CancellationToken.None);
        return new BenchResult("connector: collection upsert, 200/call", tasks.Count, sandbox.Org.ApiCallsUsed - before, results.Count(r => !r.Succeeded), clock.Elapsed);
    }

    /// <summary>The baseline: one single-record upsert per task (<c>PATCH sobjects/Task/{field}/{key}</c>).</summary>
    public static async Task<BenchResult> OneCallPerTaskAsync(SalesforceSandbox sandbox, IReadOnlyList<CrmActivity> tasks)
    {
        using var client = new HttpClient { BaseAddress = sandbox.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, sandbox));
        var before = sandbox.Org.ApiCallsUsed;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var task in tasks)
        {
            var body = new JsonObject
            {
                ["WhoId"] = task.ContactCrmId,
                ["OwnerId"] = task.OwnerId,
                ["Subject"] = task.Subject,
                ["Description"] = task.Body,
                ["ActivityDate"] = task.RepLocalDueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Status"] = "Not Started",
                ["Priority"] = "High",
                ["TaskSubtype"] = "Call",
            };
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            var uri = new Uri($"/services/data/v62.0/sobjects/Task/CCS_Sync_Key__c/{Uri.EscapeDataString(task.IdempotencyKey)}", UriKind.Relative);
            using var response = await client.PatchAsync(uri, content);
            failed += response.IsSuccessStatusCode ? 0 : 1;
        }

        return new BenchResult("baseline: one upsert call per task", tasks.Count, sandbox.Org.ApiCallsUsed - before, failed, clock.Elapsed);
    }

    private static async Task<string> TokenAsync(HttpClient client, SalesforceSandbox sandbox)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = sandbox.Org.Options.ClientId,
            ["client_secret"] = sandbox.Org.Options.ClientSecret,
        });
        using var response = await client.PostAsync(new Uri("/services/oauth2/token", UriKind.Relative), form);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        return token;
    }
}
