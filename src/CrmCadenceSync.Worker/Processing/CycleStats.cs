using System.Collections.Concurrent;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>What the worker did since it started (or in one <c>--once</c> cycle), for the summary table.</summary>
public sealed class CycleStats
{
    private readonly ConcurrentDictionary<string, int> counters = new(StringComparer.Ordinal);

    public void ContactsIngested(string connection, int count) => Add($"ingested|{connection}", count);

    /// <summary>Contacts read again with nothing changed that the worker reads (most often after its own status writes).</summary>
    public void ContactsUnchanged(string connection, int count) => Add($"unchanged|{connection}", count);

    /// <summary>Webhook events announcing the worker's own writes (not read, not processed).</summary>
    public void OwnWritesAnnounced(string connection, int count) => Add($"own-writes|{connection}", count);

    public void Enrolled(string segment) => Add($"enrolled|{segment}", 1);

    public void Moved(string fromSegment, string toSegment) => Add($"moved|{fromSegment} -> {toSegment}", 1);

    public void Exited(string reason) => Add($"exited|{reason}", 1);

    /// <summary>An enrollment paused without ending (an auto-reply), by what paused it.</summary>
    public void Paused(string reason) => Add($"paused|{reason}", 1);

    public void StepOutcome(string outcome) => Add($"step|{outcome}", 1);

    public void Written(string connection, string writeType, int count) => Add($"written|{connection}|{writeType}", count);

    public void DeadLettered(string connection, int count) => Add($"dead|{connection}", count);

    /// <summary>Counters whose key starts with the prefix, keyed by the rest (for example "enrolled" gives segment to count).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Get(string prefix) =>
        [.. counters.Where(c => c.Key.StartsWith(prefix + "|", StringComparison.Ordinal))
            .Select(c => new KeyValuePair<string, int>(c.Key[(prefix.Length + 1)..], c.Value))
            .OrderBy(c => c.Key, StringComparer.Ordinal)];

    private void Add(string key, int count) => counters.AddOrUpdate(key, count, (_, value) => value + count);
}
