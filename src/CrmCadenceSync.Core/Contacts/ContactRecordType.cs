namespace CrmCadenceSync.Core.Contacts;

/// <summary>Salesforce keeps prospects as Leads and customers' people as Contacts; HubSpot has only contacts.</summary>
public enum ContactRecordType
{
    Contact,
    Lead,
}
