using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>Puts Leads and Contacts into the Salesforce sandbox as a rep or a web form would: owned, scored, reachable.</summary>
internal static class SalesforceContacts
{
    public static SandboxRecord Add(SalesforceSandbox sandbox, string sObjectType, decimal score, string name)
    {
        var fields = new Dictionary<string, object?>
        {
            ["FirstName"] = name,
            ["LastName"] = "Tester",
            ["Email"] = $"{name}.tester@acme.example".ToLowerInvariant(),
            ["Title"] = "VP Sales",
            ["OwnerId"] = sandbox.Org.Users[0].Id,
            ["LeadSource"] = "Web",
            ["HasOptedOutOfEmail"] = false,
            ["DoNotCall"] = false,
            ["Lead_Score__c"] = score,
        };
        if (sObjectType == SalesforceOrgState.Lead)
        {
            fields["Company"] = "Acme Corp";
            fields["Country"] = "US";
            fields["Status"] = "Open - Not Contacted";
            fields["IsConverted"] = false;
        }
        else
        {
            fields["MailingCountry"] = "US";
        }

        return sandbox.Org.Add(sObjectType, fields);
    }
}
