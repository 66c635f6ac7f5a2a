namespace CrmCadenceSync.Salesforce.Api;

/// <summary>sObject API names the connector reads and writes.</summary>
public static class SalesforceObjects
{
    public const string Lead = "Lead";

    public const string Contact = "Contact";

    public const string Task = "Task";

    /// <summary>Lead ids start with this key prefix; Contact ids with 003.</summary>
    public const string LeadIdPrefix = "00Q";

    public const string ContactIdPrefix = "003";
}
