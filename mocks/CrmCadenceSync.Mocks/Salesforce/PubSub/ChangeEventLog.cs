using System.Buffers.Binary;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>
/// The org's event bus for Change Data Capture: a replay log per channel (Lead and Contact), filled as records change,
/// purged past the retention window; what the Pub/Sub server serves, and what tests inspect and steer.
/// </summary>
public sealed class ChangeEventLog
{
    public const string LeadTopic = "/data/LeadChangeEvent";
    public const string ContactTopic = "/data/ContactChangeEvent";

    private readonly Lock gate = new();
    private readonly Dictionary<string, ChangeEventSchema> schemasByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LoggedChangeEvent>> events = new(StringComparer.Ordinal);
    private readonly List<SubscribeRequestRecord> subscriptions = [];
    private readonly List<DeliveredChangeEvent> delivered = [];
    private readonly List<int> fetchRequests = [];
    private readonly TimeProvider time;
    private readonly Dictionary<string, long> tips = new(StringComparer.Ordinal);
    private long lastReplayId = 1_000;
    private int transactions;
    private int? breakAfterResponses;
    private int breaksLeft;
    private int openStreams;
    private TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ChangeEventLog(SalesforceOrgState org, TimeSpan retention)
    {
        time = org.Time;
        Retention = retention;
        schemasByTopic[LeadTopic] = new ChangeEventSchema(SalesforceOrgState.Lead, org.SchemaOf(SalesforceOrgState.Lead));
        schemasByTopic[ContactTopic] = new ChangeEventSchema(SalesforceOrgState.Contact, org.SchemaOf(SalesforceOrgState.Contact));
        events[LeadTopic] = [];
        events[ContactTopic] = [];
        tips[LeadTopic] = lastReplayId;
        tips[ContactTopic] = lastReplayId;
        org.RecordChanged += OnRecordChanged;
    }

    /// <summary>How long events stay replayable (Salesforce: 72 hours); a replay id older than this is refused.</summary>
    public TimeSpan Retention { get; set; }

    /// <summary>At most this many events per FetchResponse, however many the client asked for (tests set it low to split a batch).</summary>
    public int MaxEventsPerResponse { get; set; } = 100;

    /// <summary>Every Subscribe stream opened, in order.</summary>
    public IReadOnlyList<SubscribeRequestRecord> Subscriptions { get { lock (gate) { return [.. subscriptions]; } } }

    /// <summary>Subscribe streams the server is still serving (a client that went away is noticed a little later).</summary>
    public int OpenStreams => Volatile.Read(ref openStreams);

    /// <summary>Every event sent, per stream, in order.</summary>
    public IReadOnlyList<DeliveredChangeEvent> Delivered { get { lock (gate) { return [.. delivered]; } } }

    /// <summary>The num_requested of every FetchRequest received (flow control).</summary>
    public IReadOnlyList<int> FetchRequests { get { lock (gate) { return [.. fetchRequests]; } } }

    public IReadOnlyList<LoggedChangeEvent> Events(string topic)
    {
        lock (gate)
        {
            return [.. events[topic]];
        }
    }

    /// <summary>
    /// After <paramref name="responses"/> more FetchResponses with events, the next <paramref name="times"/> streams that are
    /// about to send one fail with UNAVAILABLE instead.
    /// </summary>
    public void BreakStreamAfter(int responses, int times = 1)
    {
        lock (gate)
        {
            breakAfterResponses = responses;
            breaksLeft = times;
        }
    }

    /// <summary>Publishes a gap event (GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE or GAP_OVERFLOW) naming <paramref name="recordIds"/>.</summary>
    public LoggedChangeEvent PublishGap(string sObjectType, string changeType, params string[] recordIds)
    {
        if (!changeType.StartsWith("GAP_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{changeType}' is not a gap change type.", nameof(changeType));
        }

        var topic = TopicOf(sObjectType) ?? throw new ArgumentException($"No change events for '{sObjectType}'.", nameof(sObjectType));
        lock (gate)
        {
            var now = time.GetUtcNow();
            var schema = schemasByTopic[topic];
            return Append(topic, schema, changeType, recordIds, schema.EncodeGap(changeType, recordIds, now, NextTransactionKey()), now);
        }
    }

    internal ChangeEventSchema? SchemaById(string id)
    {
        lock (gate)
        {
            return schemasByTopic.Values.FirstOrDefault(s => s.Id == id);
        }
    }

    internal ChangeEventSchema? SchemaOfTopic(string topic)
    {
        lock (gate)
        {
            return schemasByTopic.GetValueOrDefault(topic);
        }
    }

    /// <summary>A replay id as the wire carries it (8 bytes, big-endian), for comparing with what a client stored.</summary>
    public static byte[] Encode(long replayId)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, replayId);
        return bytes;
    }

    internal static long? Decode(ReadOnlySpan<byte> replayId) =>
        replayId.Length == 8 ? BinaryPrimitives.ReadInt64BigEndian(replayId) : null;

    internal int OpenStream(string topic, string preset, long? replayId, bool serving)
    {
        lock (gate)
        {
            if (serving)
            {
                Interlocked.Increment(ref openStreams);
            }

            subscriptions.Add(new SubscribeRequestRecord(subscriptions.Count + 1, topic, preset, replayId));
            return subscriptions.Count;
        }
    }

    internal void StreamEnded() => Interlocked.Decrement(ref openStreams);

    internal void RecordFetch(int requested)
    {
        lock (gate)
        {
            fetchRequests.Add(requested);
        }
    }

    /// <summary>The replay id a stream starting at the tip stands on.</summary>
    internal long Tip(string topic)
    {
        lock (gate)
        {
            return tips[topic];
        }
    }

    /// <summary>
    /// Whether a stream may resume after <paramref name="replayId"/>: while that event is inside the retention window, or
    /// when it is the channel's tip (a keepalive's id, with nothing published after it).
    /// </summary>
    internal bool IsResumable(string topic, long replayId)
    {
        lock (gate)
        {
            Purge();
            return replayId == tips[topic] || events[topic].Any(e => e.ReplayId == replayId);
        }
    }

    internal (IReadOnlyList<LoggedChangeEvent> Events, Task Appended) After(string topic, long position, int max)
    {
        lock (gate)
        {
            Purge();
            return ([.. events[topic].Where(e => e.ReplayId > position).Take(Math.Min(max, MaxEventsPerResponse))], appended.Task);
        }
    }

    /// <summary>True when this response must break the stream instead (the one-shot fault).</summary>
    internal bool TakeBreak()
    {
        lock (gate)
        {
            if (breakAfterResponses is null)
            {
                return false;
            }

            if (breakAfterResponses-- > 0)
            {
                return false;
            }

            breakAfterResponses = --breaksLeft > 0 ? 0 : null;
            return true;
        }
    }

    internal void RecordDelivered(int stream, string topic, IEnumerable<LoggedChangeEvent> sent)
    {
        lock (gate)
        {
            delivered.AddRange(sent.Select(e => new DeliveredChangeEvent(stream, topic, e.ReplayId, e.EventId)));
        }
    }

    private void OnRecordChanged(SandboxRecordChange change)
    {
        if (TopicOf(change.SObjectType) is not { } topic)
        {
            return;
        }

        lock (gate)
        {
            var schema = schemasByTopic[topic];
            Append(topic, schema, change.ChangeType, [change.RecordId], schema.Encode(change, NextTransactionKey()), change.CommittedAt);
        }
    }

    private LoggedChangeEvent Append(string topic, ChangeEventSchema schema, string changeType, IReadOnlyList<string> recordIds, byte[] payload, DateTimeOffset at)
    {
        // Not contiguous, as Salesforce warns: clients must not compute on replay ids.
        lastReplayId += 7;
        var logged = new LoggedChangeEvent(topic, lastReplayId, Guid.NewGuid().ToString(), schema.Id, payload, changeType, recordIds, at);
        events[topic].Add(logged);
        tips[topic] = lastReplayId;
        var wake = appended;
        appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        wake.SetResult();
        return logged;
    }

    private string NextTransactionKey() => $"00SB-{++transactions:D8}";

    private void Purge()
    {
        var oldest = time.GetUtcNow() - Retention;
        foreach (var list in events.Values)
        {
            list.RemoveAll(e => e.PublishedAt < oldest);
        }
    }

    private static string? TopicOf(string sObjectType) => sObjectType switch
    {
        SalesforceOrgState.Lead => LeadTopic,
        SalesforceOrgState.Contact => ContactTopic,
        _ => null,
    };
}
