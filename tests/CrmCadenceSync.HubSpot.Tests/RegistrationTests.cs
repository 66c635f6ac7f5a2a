using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void The_connector_is_registered_keyed_and_in_the_plain_list()
    {
        using var harness = new HubSpotHarness();

        var keyed = harness.Services.GetRequiredKeyedService<ICrmConnector>(HubSpotHarness.Name);

        Assert.Same(keyed, Assert.Single(harness.Services.GetServices<ICrmConnector>()));
        Assert.Equal(HubSpotHarness.Name, keyed.Connection);
    }

    [Fact]
    public void Missing_credentials_stop_start_up_with_the_key_named()
    {
        using var harness = new HubSpotHarness(connection: new Dictionary<string, string?> { ["AccessToken"] = "", ["ApiVersion"] = "v3" });

        var error = Assert.Throws<OptionsValidationException>(
            () => harness.Services.GetRequiredService<IOptionsMonitor<HubSpotConnectionOptions>>().Get(HubSpotHarness.Name));

        Assert.Contains(error.Failures, f => f.Contains("Connections:hubspot:AccessToken", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Connections:hubspot:ApiVersion 'v3'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_disabled_connection_registers_nothing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kind"] = "HubSpot", ["Enabled"] = "false" })
            .Build();

        using var services = new ServiceCollection().AddHubSpotConnection("off", configuration).BuildServiceProvider();

        Assert.Empty(services.GetServices<ICrmConnector>());
        Assert.Null(services.GetKeyedService<ICrmConnector>("off"));
    }
}
