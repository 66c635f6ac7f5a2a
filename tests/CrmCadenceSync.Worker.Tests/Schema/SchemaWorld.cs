using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Worker.Commands;

namespace CrmCadenceSync.Worker.Tests.Schema;

/// <summary>
/// Both sandbox CRMs as a new user's portal and org might be (fields missing, scopes short), and the worker's own
/// command line run against them over loopback, as <c>dotnet run -- …</c> would: exit code and printed lines.
/// </summary>
internal sealed class SchemaWorld : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-schema-").FullName;

    public SchemaWorld(SalesforceSandboxOptions? salesforce = null, Action<HubSpotSandboxOptions>? hubSpot = null)
    {
        var hubSpotOptions = new HubSpotSandboxOptions { Contacts = 6 };
        hubSpot?.Invoke(hubSpotOptions);
        HubSpot = HubSpotSandbox.Start(hubSpotOptions);
        Salesforce = SalesforceSandbox.Start(salesforce ?? new SalesforceSandboxOptions { Leads = 4, Contacts = 3 });
    }

    public HubSpotSandbox HubSpot { get; }

    public SalesforceSandbox Salesforce { get; }

    /// <summary>The SOQL of every query the Salesforce sandbox received.</summary>
    public IReadOnlyList<string> Soql =>
        [.. Salesforce.Server.LogEntries
            .Select(e => e.RequestMessage!)
            .Where(r => r.Path.EndsWith("/query", StringComparison.Ordinal) && r.Query is not null)
            .Select(r => r.Query!["q"].First())];

    /// <summary>Runs the worker's command line (<paramref name="verb"/>, then the connections' settings).</summary>
    public async Task<(int ExitCode, string[] Lines)> RunAsync(string[] verb, params string[] settings)
    {
        var org = Salesforce.Org.Options;
        string[] args =
        [
            .. verb,
            "--Sandbox:Enabled=false",
            $"--Connections:hubspot:BaseUrl={HubSpot.Url.AbsoluteUri}",
            $"--Connections:hubspot:AccessToken={HubSpot.Options.AccessToken}",
            $"--Connections:hubspot:WebhookSecret={HubSpot.Options.WebhookSecret}",
            $"--Connections:salesforce:LoginUrl={Salesforce.Url.AbsoluteUri}",
            $"--Connections:salesforce:ClientId={org.ClientId}",
            $"--Connections:salesforce:ClientSecret={org.ClientSecret}",
            $"--Connections:salesforce:OrganizationId={org.OrganizationId}",
            $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
            "--Logging:LogLevel:Default=None",
            .. settings,
        ];
        using var output = new StringWriter();
        var exitCode = await WorkerCommandLine.Create(output).Parse(args).InvokeAsync();
        return (exitCode, output.ToString().Split(Environment.NewLine));
    }

    public void Dispose()
    {
        HubSpot.Dispose();
        Salesforce.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
