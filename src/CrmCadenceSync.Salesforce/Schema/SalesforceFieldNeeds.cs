using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;

namespace CrmCadenceSync.Salesforce.Schema;

/// <summary>Every field the connector's queries and writes name, per object, from the connection's configuration.</summary>
internal static class SalesforceFieldNeeds
{
    /// <summary>The connector's own choice of standard fields, not a setting.</summary>
    public const string BuiltIn = "the connector's standard fields";

    /// <summary>Where the consent field is named (the worker's compliance settings fill it in).</summary>
    public const string ConsentSetting = "Compliance:Consent:SalesforceField";

    public static IReadOnlyList<SalesforceFieldNeed> For(string connection, SalesforceConnectionOptions options)
    {
        var map = options.FieldMapping;
        var key = $"{SalesforceConnectionOptions.SectionName}:{connection}";
        var mapping = $"{key}:FieldMapping";
        var needs = new List<SalesforceFieldNeed>();
        foreach (var sObject in new[] { SalesforceObjects.Lead, SalesforceObjects.Contact })
        {
            void Read(string? field, string setting, SchemaSeverity severity = SchemaSeverity.Required)
            {
                if (!string.IsNullOrWhiteSpace(field))
                {
                    needs.Add(new(sObject, field, setting, severity));
                }
            }

            void Write(string field, string setting) => needs.Add(new(sObject, field, setting, SchemaSeverity.Required, Update: true));

            foreach (var field in sObject == SalesforceObjects.Lead
                ? new[] { "Id", "FirstName", "LastName", "Email", "Company", "Title", "OwnerId", "LeadSource", "IsConverted", "ConvertedContactId", "SystemModstamp" }
                : ["Id", "FirstName", "LastName", "Email", "Title", "OwnerId", "LeadSource", "SystemModstamp"])
            {
                Read(field, BuiltIn);
            }

            if (sObject == SalesforceObjects.Lead)
            {
                Read(map.LeadCountryField, $"{mapping}:LeadCountryField");
                Read(map.LeadStageField, $"{mapping}:LeadStageField");
            }
            else
            {
                Read(map.ContactCountryField, $"{mapping}:ContactCountryField");
            }

            Read(map.ScoreField, $"{mapping}:ScoreField");
            Read(map.EmailOptOutField, $"{mapping}:EmailOptOutField");
            Read(map.ConsentField, ConsentSetting);
            Read(map.DoNotCallField, $"{mapping}:DoNotCallField");
            Read(map.EmailBouncedDateField, $"{mapping}:EmailBouncedDateField");
            Read(map.TimeZoneField, $"{mapping}:TimeZoneField", SchemaSeverity.Optional);
            Read(map.LastRepliedAtField, $"{mapping}:LastRepliedAtField");
            Read(map.LastMeetingBookedAtField, $"{mapping}:LastMeetingBookedAtField");
            Read(map.LastEmailOpenedAtField, $"{mapping}:LastEmailOpenedAtField");
            Read(map.LastEmailClickedAtField, $"{mapping}:LastEmailClickedAtField");
            foreach (var field in map.AdditionalFields)
            {
                Read(field, $"{mapping}:AdditionalFields", SchemaSeverity.Optional);
            }

            Write(map.SegmentField, $"{mapping}:SegmentField");
            Write(map.CadenceField, $"{mapping}:CadenceField");
            Write(map.CadenceStatusField, $"{mapping}:CadenceStatusField");
            Write(map.NextTouchField, $"{mapping}:NextTouchField");
            Write(map.CadenceStepField, $"{mapping}:CadenceStepField");
        }

        needs.Add(new(SalesforceObjects.Task, options.SyncKeyField, $"{key}:SyncKeyField", SchemaSeverity.Required, Create: true, Update: true, ExternalId: true));
        foreach (var field in new[] { "WhoId", "OwnerId", "Subject", "Description", "ActivityDate", "Status", "Priority", "TaskSubtype" })
        {
            needs.Add(new(SalesforceObjects.Task, field, BuiltIn, SchemaSeverity.Required, Create: true));
        }

        foreach (var field in new[] { "IsClosed", "CompletedDateTime", "CallDisposition", "SystemModstamp" })
        {
            needs.Add(new(SalesforceObjects.Task, field, BuiltIn, SchemaSeverity.Required));
        }

        return needs;
    }
}
