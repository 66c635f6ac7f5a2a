namespace CrmCadenceSync.Salesforce.Api;

/// <summary>One batch of a SOQL query; follow <see cref="NextRecordsUrl"/> until <see cref="Done"/>.</summary>
public sealed record SalesforceQueryResult(int TotalSize, bool Done, string? NextRecordsUrl, IReadOnlyList<SalesforceRecord> Records);
