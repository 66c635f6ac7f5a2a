namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>
/// One FetchResponse's worth of events (empty for a keepalive). <see cref="ReplayId"/> is where a subscription resumes
/// once the batch is committed: the last event's replay id, or the stream's latest for a keepalive.
/// </summary>
public sealed record ChangeEventBatch(string Topic, IReadOnlyList<SalesforceChangeEvent> Events, byte[] ReplayId);
