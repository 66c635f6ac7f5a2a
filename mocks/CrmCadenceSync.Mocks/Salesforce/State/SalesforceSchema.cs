namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>The fields each sandbox object has; SOQL and writes naming anything else get INVALID_FIELD.</summary>
internal static class SalesforceSchema
{
    private static readonly string[] Status = ["CCS_Segment__c", "CCS_Cadence__c", "CCS_Cadence_Status__c", "CCS_Next_Touch__c", "CCS_Cadence_Step__c"];

    /// <summary>The text lengths crm-plugins/salesforce/ deploys; a longer value is refused with STRING_TOO_LONG, as in an org.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextLengths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["CCS_Segment__c"] = 80, ["CCS_Cadence__c"] = 120, ["CCS_Cadence_Status__c"] = 255, ["CCS_Cadence_Step__c"] = 120,
    };

    private static readonly string[] Person =
    [
        "Id", "FirstName", "LastName", "Email", "Title", "OwnerId", "LeadSource", "HasOptedOutOfEmail", "DoNotCall",
        "EmailBouncedDate", "Lead_Score__c", "SystemModstamp", "LastModifiedDate", "LastModifiedById",
        "Quiz_Primary_Challenge__c", "Quiz_Team_Size__c", "Quiz_Timeline__c",
        "Last_Replied_At__c", "Last_Meeting_Booked_At__c",
    ];

    /// <summary>Fields the org maintains itself: describe says not createable, not updateable.</summary>
    private static readonly HashSet<string> System = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "SystemModstamp", "LastModifiedDate", "LastModifiedById", "IsConverted", "ConvertedDate", "ConvertedContactId", "IsClosed", "CompletedDateTime",
    };

    public static bool IsSystemField(string sObjectType, string field) =>
        System.Contains(field) || (sObjectType == SalesforceOrgState.User);

    /// <summary>The describe type of a sandbox field (Salesforce's names: id, reference, boolean, double, datetime, …).</summary>
    public static string TypeOf(string field) => field switch
    {
        "Id" => "id",
        "Email" => "email",
        "Lead_Score__c" => "double",
        "ActivityDate" or "ConvertedDate" => "date",
        "Status" or "Priority" or "TaskSubtype" or "LeadSource" => "picklist",
        _ when field.EndsWith("Id", StringComparison.Ordinal) => "reference",
        _ when field.StartsWith("Is", StringComparison.Ordinal) || field is "HasOptedOutOfEmail" or "DoNotCall" => "boolean",
        _ when field.EndsWith("Date", StringComparison.Ordinal) || field.EndsWith("DateTime", StringComparison.Ordinal)
            || field.EndsWith("_At__c", StringComparison.Ordinal) || field is "SystemModstamp" or "CCS_Next_Touch__c" => "datetime",
        _ => "string",
    };

    public static IEnumerable<string> Fields(string sObjectType, string syncKeyField) => sObjectType switch
    {
        SalesforceOrgState.Lead => [.. Person, .. Status, "Company", "Country", "Status", "IsConverted", "ConvertedDate", "ConvertedContactId"],
        SalesforceOrgState.Contact => [.. Person, .. Status, "MailingCountry", "AccountId"],
        SalesforceOrgState.User => ["Id", "FirstName", "LastName", "Email", "TimeZoneSidKey", "IsActive", "SystemModstamp"],
        SalesforceOrgState.Task =>
        [
            "Id", "WhoId", "OwnerId", "Subject", "Description", "ActivityDate", "Status", "Priority", "TaskSubtype",
            "IsClosed", "CompletedDateTime", "CallDisposition", "CreatedDate", "SystemModstamp", syncKeyField,
        ],
        SalesforceOrgState.EmailMessage =>
        [
            "Id", "Subject", "TextBody", "Headers", "FromAddress", "FromName", "ToAddress", "Incoming", "MessageDate", "Status",
            "RelatedToId", "ParentId", "ActivityId", "CreatedDate", "SystemModstamp",
        ],
        SalesforceOrgState.EmailMessageRelation =>
        [
            "Id", "EmailMessageId", "RelationId", "RelationType", "RelationAddress", "RelationObjectType", "CreatedDate", "SystemModstamp",
        ],
        SalesforceOrgState.Event =>
        [
            "Id", "WhoId", "WhatId", "OwnerId", "Subject", "StartDateTime", "EndDateTime", "ActivityDateTime", "CreatedDate", "SystemModstamp",
        ],
        _ => [],
    };
}
