using CrmCadenceSync.Salesforce.Api;

namespace CrmCadenceSync.Salesforce.Mapping;

/// <summary>
/// A record's fields as the contact's property bag. Custom fields are there by API name and also by their plain
/// lower-case name (Quiz_Timeline__c as quiz_timeline), so one template reads the same field from either CRM.
/// </summary>
internal static class SalesforceMergeFields
{
    private const string CustomSuffix = "__c";

    public static Dictionary<string, string?> From(SalesforceRecord record)
    {
        var properties = record.Fields.ToDictionary(f => f.Key, f => record.GetString(f.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var name in record.Fields.Keys.Where(k => k.EndsWith(CustomSuffix, StringComparison.OrdinalIgnoreCase)))
        {
            properties.TryAdd(name[..^CustomSuffix.Length].ToLowerInvariant(), properties[name]);
        }

        return properties;
    }
}
