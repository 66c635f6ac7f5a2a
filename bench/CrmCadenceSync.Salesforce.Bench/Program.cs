using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce;
using CrmCadenceSync.Salesforce.Bench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// API calls per 1,000 tasks written to the Salesforce sandbox: the connector against a one-call-per-task baseline.
// The floor is 5 (200-record sObject Collections); the target is at most 5.3.
const double Floor = 5.0;
const double Target = 5.3;

using var sandbox = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 300, Contacts = 200, DailyApiLimit = 1_000_000 });
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Connections:salesforce:Kind"] = "Salesforce",
    ["Connections:salesforce:LoginUrl"] = sandbox.Url.ToString(),
    ["Connections:salesforce:ClientId"] = sandbox.Org.Options.ClientId,
    ["Connections:salesforce:ClientSecret"] = sandbox.Org.Options.ClientSecret,
    ["Connections:salesforce:OrganizationId"] = sandbox.Org.Options.OrganizationId,
}).Build();
await using var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddSalesforceConnection("salesforce", configuration.GetSection("Connections:salesforce"))
    .BuildServiceProvider();
var connector = (SalesforceConnector)services.GetRequiredKeyedService<ICrmConnector>("salesforce");

var results = new List<BenchResult>();
foreach (var count in (int[])[1000, 1234, 5000])
{
    results.Add(await WriteStrategies.ConnectorAsync(connector, sandbox, Touches.Create(sandbox.Org, $"c{count}", count)));
}

var retried = Touches.Create(sandbox.Org, "c1000", 1000);
var retry = await WriteStrategies.ConnectorAsync(connector, sandbox, retried);
results.Add(retry with { Strategy = "connector: same 1,000 again (retry)" });
results.Add(await WriteStrategies.OneCallPerTaskAsync(sandbox, Touches.Create(sandbox.Org, "b1000", 1000)));

Console.WriteLine($"Salesforce writes: API calls per 1,000 tasks (floor {Floor:F1}, target <= {Target:F1})");
Console.WriteLine("| strategy                               |  tasks | API calls | calls / 1,000  | failed |   ms      |");
Console.WriteLine("|----------------------------------------|--------|-----------|----------------|--------|-----------|");
results.ForEach(r => Console.WriteLine(r.Row()));
Console.WriteLine($"Tasks stored in the org: {sandbox.Org.Tasks.Count} (connector runs 1000 + 1234 + 5000, retry added none, baseline 1000)");
Console.WriteLine($"Largest collection call: {sandbox.Org.LargestCollectionCall} records; token requests: {sandbox.Org.TokenRequests}");
var headline = results[0];
Console.WriteLine(headline.CallsPerThousand <= Target
    ? $"PASS: {headline.CallsPerThousand:F2} calls per 1,000 tasks (target {Target:F1}); baseline {results[^1].CallsPerThousand:F0}"
    : $"FAIL: {headline.CallsPerThousand:F2} calls per 1,000 tasks exceeds the target {Target:F1}");
