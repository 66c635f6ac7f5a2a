namespace CrmCadenceSync.Salesforce.Api;

public sealed record SalesforceRecordAttributes(string Type, string? Url);
