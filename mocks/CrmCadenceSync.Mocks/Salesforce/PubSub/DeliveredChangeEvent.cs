namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>An event the server sent down a stream (to check that nothing is sent twice after a resume).</summary>
public sealed record DeliveredChangeEvent(int Stream, string Topic, long ReplayId, string EventId);
