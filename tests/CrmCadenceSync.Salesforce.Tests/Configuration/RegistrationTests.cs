using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Salesforce.Tests.Configuration;

public sealed class RegistrationTests
{
    [Fact]
    public void The_connector_is_registered_by_name_and_among_all_connectors()
    {
        using var host = SalesforceTestHost.Start();

        var keyed = host.Services.GetRequiredKeyedService<ICrmConnector>(SalesforceTestHost.Connection);
        var all = host.Services.GetServices<ICrmConnector>();

        Assert.Same(keyed, Assert.Single(all));
        Assert.Equal(SalesforceTestHost.Connection, keyed.Connection);
    }

    [Fact]
    public void A_missing_secret_stops_start_up_with_an_error_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connections:sf-eu:Kind"] = "Salesforce",
            ["Connections:sf-eu:ClientId"] = "key",
            ["Connections:sf-eu:OrganizationId"] = "00D000000000001",
        }).Build();
        using var services = new ServiceCollection()
            .AddSalesforceConnection("sf-eu", configuration.GetSection("Connections:sf-eu"))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredKeyedService<ICrmConnector>("sf-eu"));

        Assert.Contains("Connections:sf-eu:ClientSecret is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_connection_is_not_validated()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connections:off:Kind"] = "Salesforce",
            ["Connections:off:Enabled"] = "false",
        }).Build();
        using var services = new ServiceCollection()
            .AddSalesforceConnection("off", configuration.GetSection("Connections:off"))
            .BuildServiceProvider();

        Assert.Equal("off", services.GetRequiredKeyedService<ICrmConnector>("off").Connection);
    }
}
