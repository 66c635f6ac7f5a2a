namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>A committed change to a Lead or Contact: the record's values after it and the fields it set.</summary>
public sealed record SandboxRecordChange(
    string SObjectType,
    string RecordId,
    string ChangeType,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<string> ChangedFields,
    DateTimeOffset CommittedAt);
