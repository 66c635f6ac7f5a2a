using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Setup;

namespace CrmCadenceSync.HubSpot.Schema;

/// <summary>Every property the connector reads or writes, per object type, and the setting that asked for it.</summary>
internal static class HubSpotPropertyNeeds
{
    /// <summary>Where the consent property is named (the worker's compliance settings fill it in).</summary>
    public const string ConsentSetting = "Compliance:Consent:HubSpotProperty";

    public const string OwnProperties = "the connector's own properties (created at start-up)";

    /// <summary>What the connector calls: contacts read and written, owners read, properties read (and created by setup).</summary>
    public static readonly IReadOnlyList<string> Scopes =
        ["crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.owners.read", "crm.schemas.contacts.read"];

    public static IReadOnlyList<(string ObjectType, string Property, string Setting, SchemaSeverity Severity)> For(string connection, HubSpotConnectionOptions options)
    {
        var map = options.FieldMapping;
        var mapping = $"{HubSpotConnectionOptions.SectionName}:{connection}:FieldMapping";
        var needs = new List<(string, string, string, SchemaSeverity)>();
        void Contact(string? property, string setting, SchemaSeverity severity = SchemaSeverity.Required)
        {
            if (!string.IsNullOrWhiteSpace(property))
            {
                needs.Add((HubSpotObjectTypes.Contacts, property, setting, severity));
            }
        }

        Contact(map.Email, $"{mapping}:Email");
        Contact(map.Consent, ConsentSetting);
        Contact(map.FirstName, $"{mapping}:FirstName");
        Contact(map.LastName, $"{mapping}:LastName");
        Contact(map.Company, $"{mapping}:Company");
        Contact(map.Title, $"{mapping}:Title");
        Contact(map.OwnerId, $"{mapping}:OwnerId");
        Contact(map.TimeZone, $"{mapping}:TimeZone", SchemaSeverity.Optional);
        Contact(map.LeadScore, $"{mapping}:LeadScore");
        Contact(map.LifecycleStage, $"{mapping}:LifecycleStage");
        Contact(map.LeadSource, $"{mapping}:LeadSource");
        Contact(map.Country, $"{mapping}:Country");
        Contact(map.EmailOptOut, $"{mapping}:EmailOptOut");
        Contact(map.DoNotCall, $"{mapping}:DoNotCall");
        Contact(map.EmailBounced, $"{mapping}:EmailBounced");
        Contact(map.LastRepliedAt, $"{mapping}:LastRepliedAt");
        Contact(map.LastMeetingBookedAt, $"{mapping}:LastMeetingBookedAt");
        Contact(map.LastEmailOpenedAt, $"{mapping}:LastEmailOpenedAt");
        Contact(map.LastEmailClickedAt, $"{mapping}:LastEmailClickedAt");
        foreach (var property in map.ExtraProperties)
        {
            Contact(property, $"{mapping}:ExtraProperties", SchemaSeverity.Optional);
        }

        foreach (var (objectType, properties) in HubSpotCustomProperties.ByObjectType)
        {
            needs.AddRange(properties.Select(p => (objectType, p.Name, OwnProperties, SchemaSeverity.Required)));
        }

        return needs;
    }
}
