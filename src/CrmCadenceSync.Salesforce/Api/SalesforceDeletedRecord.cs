namespace CrmCadenceSync.Salesforce.Api;

public sealed record SalesforceDeletedRecord(string Id, string DeletedDate);
