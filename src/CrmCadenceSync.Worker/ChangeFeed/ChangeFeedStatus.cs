using System.Collections.Concurrent;

namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>The change event streams of this instance, kept in memory (they live and die with the process).</summary>
public sealed class ChangeFeedStatus(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Connection, string Topic), ChangeFeedStreamStatus> streams = new();

    public IReadOnlyList<ChangeFeedStreamStatus> Streams =>
        [.. streams.Values.OrderBy(s => s.Connection, StringComparer.Ordinal).ThenBy(s => s.Topic, StringComparer.Ordinal)];

    /// <summary>True when no stream is failing or waiting for an admin.</summary>
    public bool Healthy => streams.Values.All(s => s.State is ChangeFeedStreamState.Streaming or ChangeFeedStreamState.Connecting);

    public void Enter(string connection, string topic, ChangeFeedStreamState state) =>
        streams.AddOrUpdate(
            (connection, topic),
            _ => new ChangeFeedStreamStatus(connection, topic, state, time.GetUtcNow(), null, null, null, 0),
            (_, s) => s.State == state ? s : s with { State = state, Since = time.GetUtcNow() });

    public void Failed(string connection, string topic, ChangeFeedStreamState state, string error)
    {
        Enter(connection, topic, state);
        streams.AddOrUpdate(
            (connection, topic),
            _ => new ChangeFeedStreamStatus(connection, topic, state, time.GetUtcNow(), error, time.GetUtcNow(), null, 0),
            (_, s) => s with { LastError = error, LastErrorAt = time.GetUtcNow() });
    }

    public void Committed(string connection, string topic, int events)
    {
        Enter(connection, topic, ChangeFeedStreamState.Streaming);
        if (events > 0)
        {
            streams.AddOrUpdate(
                (connection, topic),
                _ => new ChangeFeedStreamStatus(connection, topic, ChangeFeedStreamState.Streaming, time.GetUtcNow(), null, null, time.GetUtcNow(), events),
                (_, s) => s with { LastEventsAt = time.GetUtcNow(), EventsCommitted = s.EventsCommitted + events });
        }
    }
}
