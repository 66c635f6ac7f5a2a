using CrmCadenceSync.Core.Crm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Salesforce.Tests.ChangeEvents;

public sealed class ChangeDataCaptureOptionsTests
{
    [Fact]
    public void Bad_change_data_capture_settings_stop_start_up_naming_each_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Connector(new()
        {
            ["ChangeDataCapture:Enabled"] = "true",
            ["ChangeDataCapture:BatchSize"] = "500",
            ["ChangeDataCapture:PubSubEndpoint"] = "api.pubsub.salesforce.com:7443",
            ["ChangeDataCapture:Topics:0"] = "/event/Lead",
        }));

        Assert.Contains("Connections:sf:ChangeDataCapture:BatchSize must be between 1 and 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connections:sf:ChangeDataCapture:PubSubEndpoint must be an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connections:sf:ChangeDataCapture:Topics: '/event/Lead' is not a change event channel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_data_capture_is_off_unless_enabled_and_then_its_settings_are_not_checked()
    {
        Assert.Equal("sf", Connector(new() { ["ChangeDataCapture:BatchSize"] = "500" }).Connection);
    }

    private static ICrmConnector Connector(Dictionary<string, string?> cdc)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Connections:sf:Kind"] = "Salesforce",
            ["Connections:sf:ClientId"] = "key",
            ["Connections:sf:ClientSecret"] = "secret",
            ["Connections:sf:OrganizationId"] = "00D000000000001",
        };
        foreach (var (key, value) in cdc)
        {
            settings["Connections:sf:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSalesforceConnection("sf", configuration.GetSection("Connections:sf")).BuildServiceProvider();
        return services.GetRequiredKeyedService<ICrmConnector>("sf");
    }
}
