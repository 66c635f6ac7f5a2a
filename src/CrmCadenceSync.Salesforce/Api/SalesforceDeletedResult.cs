namespace CrmCadenceSync.Salesforce.Api;

/// <summary>getDeleted: when <see cref="EarliestDateAvailable"/> is after the requested start, deletions were lost.</summary>
public sealed record SalesforceDeletedResult(
    IReadOnlyList<SalesforceDeletedRecord> DeletedRecords, string EarliestDateAvailable, string LatestDateCovered);
