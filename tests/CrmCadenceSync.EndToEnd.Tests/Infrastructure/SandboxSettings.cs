using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>The command-line overrides that point the worker's two connections at sandboxes living in the test process.</summary>
internal static class SandboxSettings
{
    public static IEnumerable<string> Args(HubSpotSandbox hubSpot, SalesforceSandbox salesforce)
    {
        var org = salesforce.Org.Options;
        return
        [
            "--Sandbox:Enabled=false",
            $"--Connections:hubspot:BaseUrl={hubSpot.Url.AbsoluteUri}",
            $"--Connections:hubspot:AccessToken={hubSpot.Options.AccessToken}",
            $"--Connections:hubspot:WebhookSecret={hubSpot.Options.WebhookSecret}",
            $"--Connections:salesforce:LoginUrl={salesforce.Url.AbsoluteUri}",
            $"--Connections:salesforce:ClientId={org.ClientId}",
            $"--Connections:salesforce:ClientSecret={org.ClientSecret}",
            $"--Connections:salesforce:OrganizationId={org.OrganizationId}",
        ];
    }
}
