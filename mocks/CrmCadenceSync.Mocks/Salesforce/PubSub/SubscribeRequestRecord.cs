namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>A Subscribe stream as opened: its topic, its replay preset and (CUSTOM) the replay id it asked to start after.</summary>
public sealed record SubscribeRequestRecord(int Stream, string Topic, string Preset, long? ReplayId);
