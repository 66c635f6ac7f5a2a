using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Salesforce.Tests.Support;

/// <summary>The connector wired exactly as production wires it (AddSalesforceConnection), pointed at a fresh sandbox org.</summary>
internal sealed class SalesforceTestHost : IDisposable
{
    public const string Connection = "salesforce";

    public static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private SalesforceTestHost(SalesforceSandboxOptions? sandboxOptions, IReadOnlyDictionary<string, string?>? settings)
    {
        Time = new FakeTimeProvider(Now);
        Sandbox = SalesforceSandbox.Start(sandboxOptions, Time);
        var values = new Dictionary<string, string?>
        {
            [Key("Kind")] = "Salesforce",
            [Key("LoginUrl")] = Sandbox.Url.ToString(),
            [Key("ClientId")] = Sandbox.Org.Options.ClientId,
            [Key("ClientSecret")] = Sandbox.Org.Options.ClientSecret,
            [Key("OrganizationId")] = Sandbox.Org.Options.OrganizationId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[Key(key)] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(Time)
            .AddSalesforceConnection(Connection, configuration.GetSection($"Connections:{Connection}"))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public SalesforceSandbox Sandbox { get; }

    public ServiceProvider Services { get; }

    public SalesforceConnector Connector => (SalesforceConnector)Services.GetRequiredKeyedService<ICrmConnector>(Connection);

    public IReadOnlyList<RecordedCall> Requests => Sandbox.Server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(RecordedCall.From).ToList();

    public static SalesforceTestHost Start(SalesforceSandboxOptions? sandbox = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(sandbox, settings);

    public static string Key(string name) => $"Connections:{Connection}:{name}";

    /// <summary>Reads every page from <paramref name="cursor"/> until the connector says there is no more.</summary>
    public async Task<(List<Core.Contacts.Contact> Contacts, SyncCursor Next, int Pages)> ReadAllAsync(SyncCursor cursor)
    {
        var contacts = new List<Core.Contacts.Contact>();
        var pages = 0;
        ContactPage page;
        do
        {
            page = await Connector.ReadChangedContactsAsync(cursor, CancellationToken.None);
            contacts.AddRange(page.Contacts);
            cursor = page.Next;
            pages++;
            Assert.True(pages < 1000, "paging did not terminate");
        }
        while (page.HasMore);

        return (contacts, cursor, pages);
    }

    public void Dispose()
    {
        Services.Dispose();
        Sandbox.Dispose();
    }
}
