namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>
/// Change Data Capture over the Pub/Sub API for one Salesforce connection, bound from
/// <c>Connections:{name}:ChangeDataCapture</c>. Outbound Messages and polling stay; this is the fast path.
/// </summary>
public sealed class ChangeDataCaptureOptions
{
    /// <summary>The key under the connection's own section.</summary>
    public const string SectionName = "ChangeDataCapture";

    /// <summary>Off by default: the org must have Lead and Contact selected for Change Data Capture first.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Pub/Sub API's gRPC endpoint (HTTP/2).</summary>
    public Uri PubSubEndpoint { get; set; } = new("https://api.pubsub.salesforce.com:7443");

    /// <summary>Events asked for per FetchRequest (<c>num_requested</c>); Salesforce serves at most 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The change event channels subscribed to, one stream each.</summary>
    public IList<string> Topics { get; set; } = ["/data/LeadChangeEvent", "/data/ContactChangeEvent"];

    /// <summary>First wait before reconnecting a stream that failed without delivering anything; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(2);
}
