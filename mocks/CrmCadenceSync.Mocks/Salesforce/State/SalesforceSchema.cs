namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>The fields each sandbox object has; SOQL and writes naming anything else get INVALID_FIELD.</summary>
internal static class SalesforceSchema
{
    private static readonly string[] Status = ["CCS_Segment__c", "CCS_Cadence__c", "CCS_Cadence_Status__c", "CCS_Next_Touch__c", "CCS_Cadence_Step__c"];

    /// <summary>The text lengths salesforce-metadata/ deploys; a longer value is refused with STRING_TOO_LONG, as in an org.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextLengths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["CCS_Segment__c"] = 80, ["CCS_Cadence__c"] = 120, ["CCS_Cadence_Status__c"] = 255, ["CCS_Cadence_Step__c"] = 120,
    };

    private static readonly string[] Person =
    [
        "Id", "FirstName", "LastName", "Email", "Title", "OwnerId", "LeadSource", "HasOptedOutOfEmail", "DoNotCall",
        "EmailBouncedDate", "Lead_Score__c", "SystemModstamp", "LastModifiedDate",
        "Quiz_Primary_Challenge__c", "Quiz_Team_Size__c", "Quiz_Timeline__c",
        "Last_Replied_At__c", "Last_Meeting_Booked_At__c",
    ];

    public static IEnumerable<string> Fields(string sObjectType, string syncKeyField) => sObjectType switch
    {
        SalesforceOrgState.Lead => [.. Person, .. Status, "Company", "Country", "Status", "IsConverted", "ConvertedDate"],
        SalesforceOrgState.Contact => [.. Person, .. Status, "MailingCountry", "AccountId"],
        SalesforceOrgState.User => ["Id", "FirstName", "LastName", "Email", "TimeZoneSidKey", "IsActive", "SystemModstamp"],
        SalesforceOrgState.Task =>
        [
            "Id", "WhoId", "OwnerId", "Subject", "Description", "ActivityDate", "Status", "Priority", "TaskSubtype",
            "IsClosed", "CompletedDateTime", "CallDisposition", "CreatedDate", "SystemModstamp", syncKeyField,
        ],
        SalesforceOrgState.EmailMessage =>
        [
            "Id", "Subject", "TextBody", "FromAddress", "FromName", "ToAddress", "Incoming", "MessageDate", "Status",
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
