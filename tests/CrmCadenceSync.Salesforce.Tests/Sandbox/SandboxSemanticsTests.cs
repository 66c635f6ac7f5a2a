using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CrmCadenceSync.Salesforce.Tests.Sandbox;

/// <summary>The sandbox behaves as Salesforce documents it, exercised through the connector's own Refit client and raw HTTP.</summary>
public sealed class SandboxSemanticsTests
{
    [Fact]
    public async Task Collection_create_returns_results_in_request_order_with_per_record_errors()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var api = host.Services.GetRequiredKeyedService<ISalesforceApi>(SalesforceTestHost.Connection);
        var who = host.Sandbox.Org.Contacts[0].Id;

        var results = await api.CreateAsync("v62.0", new SalesforceCollectionRequest(false,
        [
            Task(who, "Intro call"),
            Task("003SB0000099999EAA", "Nobody"),
            Task(who, "Follow-up", status: "Someday"),
        ]), CancellationToken.None);

        Assert.True(results[0].Success);
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", results[1].Errors![0].Code);
        Assert.Equal(["WhoId"], results[1].Errors![0].Fields);
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", results[2].Errors![0].Code);
        Assert.Single(host.Sandbox.Org.Tasks);
    }

    [Fact]
    public async Task A_collection_over_200_records_is_refused_whole()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var api = host.Services.GetRequiredKeyedService<ISalesforceApi>(SalesforceTestHost.Connection);
        var who = host.Sandbox.Org.Contacts[0].Id;
        var records = Enumerable.Range(0, 201).Select(i => Task(who, $"t{i}", key: $"k{i}")).ToList();

        var refused = await Assert.ThrowsAsync<ApiException>(() =>
            api.UpsertAsync("v62.0", "Task", "CCS_Sync_Key__c", new SalesforceCollectionRequest(false, records), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("EXCEEDED_ID_LIMIT", refused.Content, StringComparison.Ordinal);
        Assert.Empty(host.Sandbox.Org.Tasks);
    }

    [Fact]
    public async Task Single_record_upsert_by_external_id_creates_201_updates_200_and_reports_300_on_several_matches()
    {
        using var sandbox = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        using var client = new HttpClient { BaseAddress = sandbox.Url };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = sandbox.Org.Options.ClientId,
            ["client_secret"] = sandbox.Org.Options.ClientSecret,
        });
        using var tokenResponse = await client.PostAsync(new Uri("/services/oauth2/token", UriKind.Relative), form);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var who = sandbox.Org.Contacts[0].Id;

        async Task<HttpStatusCode> Upsert(string key)
        {
            using var body = new StringContent($"{{\"WhoId\":\"{who}\",\"Subject\":\"Call\"}}", Encoding.UTF8, "application/json");
            using var response = await client.PatchAsync(new Uri($"/services/data/v62.0/sobjects/Task/CCS_Sync_Key__c/{key}", UriKind.Relative), body);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await Upsert("touch-1"));
        Assert.Equal(HttpStatusCode.OK, await Upsert("touch-1"));
        sandbox.Org.Add(SalesforceOrgState.Task, new Dictionary<string, object?> { ["CCS_Sync_Key__c"] = "touch-1" });
        Assert.Equal(HttpStatusCode.MultipleChoices, await Upsert("touch-1"));
        Assert.Equal(2, sandbox.Org.Tasks.Count);
    }

    private static JsonObject Task(string who, string subject, string status = "Not Started", string? key = null)
    {
        var record = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = "Task" },
            ["WhoId"] = who,
            ["Subject"] = subject,
            ["Status"] = status,
        };
        if (key is not null)
        {
            record["CCS_Sync_Key__c"] = key;
        }

        return record;
    }
}
