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
        return (sandbox, new Dictionary<string, string?>
        {
            [prefix + "LoginUrl"] = sandbox.Url.AbsoluteUri,
            [prefix + "InstanceUrl"] = null,
            [prefix + "ClientId"] = org.ClientId,
            [prefix + "ClientSecret"] = org.ClientSecret,
            [prefix + "OrganizationId"] = org.OrganizationId,

            // The sandbox org keeps reply and meeting dates on the record, as an email or meeting tool would.
            [prefix + "FieldMapping:LastRepliedAtField"] = "Last_Replied_At__c",
            [prefix + "FieldMapping:LastMeetingBookedAtField"] = "Last_Meeting_Booked_At__c",
        });
    }
}
