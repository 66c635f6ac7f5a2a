namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>An open query's remaining records, behind a <c>nextRecordsUrl</c>.</summary>
internal sealed record QueryCursor(List<SandboxRecord> Remaining, int TotalSize, int BatchSize, IReadOnlyList<string> Fields);
