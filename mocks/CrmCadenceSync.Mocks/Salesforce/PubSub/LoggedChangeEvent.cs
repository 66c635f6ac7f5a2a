namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>One event in a channel's replay log.</summary>
public sealed record LoggedChangeEvent(string Topic, long ReplayId, string EventId, string SchemaId, byte[] Payload, string ChangeType, IReadOnlyList<string> RecordIds, DateTimeOffset PublishedAt);
