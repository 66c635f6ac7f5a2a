namespace CrmCadenceSync.Salesforce.Api;

public sealed record SalesforceLimit(int Max, int Remaining);
