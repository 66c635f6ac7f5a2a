using CrmCadenceSync.Mocks.Salesforce;

namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>Starts a seeded Salesforce sandbox and says which connection keys point at it.</summary>
internal static class SalesforceSandboxConnection
{
    public static (SalesforceSandbox Sandbox, IReadOnlyDictionary<string, string?> Settings) Start(string name, SandboxOptions options, TimeProvider time)
    {
        // Salesforce orgs hold more leads than contacts; keep the seeded total at Sandbox:Contacts.
        var leads = (int)Math.Round(options.Contacts * 0.6);
        var sandbox = SalesforceSandbox.Start(new SalesforceSandboxOptions { Seed = options.Seed, Leads = leads, Contacts = options.Contacts - leads, MaxLogEntries = options.MaxLogEntries }, time);
        var org = sandbox.Org.Options;
        var prefix = $"Connections:{name}:";

        // The sandbox org's Pub/Sub API, so the demo shows Change Data Capture; the host is still being built, nothing waits on it.
        var pubSub = sandbox.StartPubSubAsync().GetAwaiter().GetResult();
        return (sandbox, new Dictionary<string, string?>
        {
            [prefix + "LoginUrl"] = sandbox.Url.AbsoluteUri,
            [prefix + "InstanceUrl"] = null,
            [prefix + "ClientId"] = org.ClientId,
            [prefix + "ClientSecret"] = org.ClientSecret,
            [prefix + "OrganizationId"] = org.OrganizationId,
            [prefix + "ChangeDataCapture:Enabled"] = "true",
            [prefix + "ChangeDataCapture:PubSubEndpoint"] = pubSub.Url.AbsoluteUri,

            // The sandbox org keeps reply and meeting dates on the record, as an email or meeting tool would.
            [prefix + "FieldMapping:LastRepliedAtField"] = "Last_Replied_At__c",
            [prefix + "FieldMapping:LastMeetingBookedAtField"] = "Last_Meeting_Booked_At__c",
        });
    }
}
