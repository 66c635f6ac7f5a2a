using System.Globalization;

namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>
/// Everything the sandbox org holds: records, sessions, the API allowance, open query cursors. All access goes through
/// <see cref="Gate"/>, since WireMock answers requests on several threads.
/// </summary>
public sealed class SalesforceOrgState(SalesforceSandboxOptions options, TimeProvider time)
{
    public const string Lead = "Lead";
    public const string Contact = "Contact";
    public const string Task = "Task";
    public const string User = "User";
    public const string EmailMessage = "EmailMessage";
    public const string EmailMessageRelation = "EmailMessageRelation";
    public const string Event = "Event";

    /// <summary>Who saves a record the sandbox changes outside the API (a rep in the UI, an automation): not the integration user.</summary>
    public const string SomeoneElseId = "005SB9999999999EAA";

    private static readonly Dictionary<string, string> KeyPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        [Lead] = "00Q", [Contact] = "003", [Task] = "00T", [User] = "005",
        [EmailMessage] = "02s", [EmailMessageRelation] = "0Ed", [Event] = "00U",
    };

    private readonly Dictionary<string, List<SandboxRecord>> byType = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SandboxRecord> byId = new(StringComparer.Ordinal);
    /// <summary>Tasks by their sync-key (external id) value, kept current by every write, so an upsert is not a scan.</summary>
    private readonly Dictionary<string, List<SandboxRecord>> tasksBySyncKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueryCursor> cursors = new(StringComparer.Ordinal);
    private int nextNumber = 1;

    internal Lock Gate { get; } = new();

    public SalesforceSandboxOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public int ApiCallsUsed { get; private set; }

    public int DailyApiLimit { get; set; } = options.DailyApiLimit;

    public int TokenRequests { get; private set; }

    /// <summary>After <see cref="RevokeGrants"/> every token request fails with invalid_grant.</summary>
    public bool GrantsRevoked { get; private set; }

    /// <summary>The most records any single collection call carried.</summary>
    public int LargestCollectionCall { get; private set; }

    public int CollectionCalls { get; private set; }

    /// <summary>Set to simulate a purged delete log: getDeleted cannot see before it.</summary>
    public DateTimeOffset? DeleteLogPurgedBefore { get; set; }

    /// <summary>
    /// Raised (under the org's lock, in commit order) when a Lead or Contact is created, changed, deleted or undeleted:
    /// what Change Data Capture publishes from.
    /// </summary>
    public event Action<SandboxRecordChange>? RecordChanged;

    public IReadOnlyList<SandboxRecord> Leads => Snapshot(Lead);

    public IReadOnlyList<SandboxRecord> Contacts => Snapshot(Contact);

    public IReadOnlyList<SandboxRecord> Tasks => Snapshot(Task);

    public IReadOnlyList<SandboxRecord> Users => Snapshot(User);

    public IReadOnlyList<SandboxRecord> EmailMessages => Snapshot(EmailMessage);

    public IReadOnlyList<SandboxRecord> Events => Snapshot(Event);

    public SandboxRecord? Find(string id)
    {
        lock (Gate)
        {
            return byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The user API sessions act as (the token's identity URL names it): the first user.</summary>
    public string IntegrationUserId
    {
        get
        {
            lock (Gate)
            {
                return Live(User)[0].Id;
            }
        }
    }

    /// <summary>
    /// Adds a record with the type's full schema; fields not given are null. SystemModstamp defaults to now; the record's
    /// <c>LastModifiedById</c> is <paramref name="by"/>, by default <see cref="SomeoneElseId"/>.
    /// </summary>
    public SandboxRecord Add(string sObjectType, IReadOnlyDictionary<string, object?> fields, DateTimeOffset? systemModstamp = null, string? by = null)
    {
        lock (Gate)
        {
            var record = new SandboxRecord(sObjectType, NewId(sObjectType));
            foreach (var field in SchemaOf(sObjectType))
            {
                record.Fields[field] = null;
            }

            foreach (var (field, value) in fields.Where(f => !IsMissing(sObjectType, f.Key)))
            {
                record.Fields[field] = value;
            }

            record.Fields["Id"] = record.Id;
            record.SystemModstamp = systemModstamp ?? Now();
            StampModifiedBy(record, by);
            if (record.Fields.ContainsKey("CreatedDate"))
            {
                // Salesforce stamps it on insert; an API write cannot set it (see RecordValidator).
                record.Fields["CreatedDate"] = record.SystemModstamp;
            }

            DeriveTaskFields(record);
            Store(record);
            Publish(record, "CREATE", []);
            return record;
        }
    }

    /// <summary>
    /// Changes a record as a user or automation would (<paramref name="by"/>, by default <see cref="SomeoneElseId"/>;
    /// the API passes the integration user); SystemModstamp moves to <paramref name="at"/> (default now).
    /// </summary>
    public void Modify(string id, IReadOnlyDictionary<string, object?> fields, DateTimeOffset? at = null, string? by = null)
    {
        lock (Gate)
        {
            var record = Existing(id);
            Unindex(record);
            foreach (var (field, value) in fields)
            {
                record.Fields[field] = value;
            }

            Index(record);

            record.SystemModstamp = at ?? Now();
            StampModifiedBy(record, by);
            DeriveTaskFields(record);
            Publish(record, "UPDATE", [.. fields.Keys]);
        }
    }

    public void Delete(string id, DateTimeOffset? at = null)
    {
        lock (Gate)
        {
            var record = Existing(id);
            record.DeletedAt = at ?? Now();
            Publish(record, "DELETE", []);
        }
    }

    /// <summary>Brings a deleted record back from the recycle bin.</summary>
    public void Undelete(string id, DateTimeOffset? at = null)
    {
        lock (Gate)
        {
            var record = Existing(id);
            record.DeletedAt = null;
            record.SystemModstamp = at ?? Now();
            Publish(record, "UNDELETE", []);
        }
    }

    /// <summary>Every issued session stops working, as when a session times out: the next call gets 401 INVALID_SESSION_ID.</summary>
    public void ExpireSessions()
    {
        lock (Gate)
        {
            sessions.Clear();
        }
    }

    public void RevokeGrants()
    {
        lock (Gate)
        {
            GrantsRevoked = true;
        }
    }

    public void SetApiCallsUsed(int used)
    {
        lock (Gate)
        {
            ApiCallsUsed = used;
        }
    }

    internal DateTimeOffset Now() => TruncateToSeconds(Time.GetUtcNow());

    internal IEnumerable<string> SchemaOf(string sObjectType) =>
        SalesforceSchema.Fields(sObjectType, Options.SyncKeyField).Where(f => !IsMissing(sObjectType, f));

    /// <summary>Whether the integration user may set the field (describe's createable/updateable).</summary>
    internal bool IsWritable(string sObjectType, string field) =>
        !SalesforceSchema.IsSystemField(sObjectType, field) && !Names(Options.ReadOnlyFields, sObjectType, field);

    private bool IsMissing(string sObjectType, string field) => Names(Options.MissingFields, sObjectType, field);

    private static bool Names(IReadOnlyCollection<string> list, string sObjectType, string field) =>
        list.Any(entry => string.Equals(entry, field, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry, $"{sObjectType}.{field}", StringComparison.OrdinalIgnoreCase));

    internal static bool IsKnownType(string sObjectType) => KeyPrefixes.ContainsKey(sObjectType);

    internal static bool IsEmailType(string sObjectType) =>
        string.Equals(sObjectType, EmailMessage, StringComparison.OrdinalIgnoreCase) || string.Equals(sObjectType, EmailMessageRelation, StringComparison.OrdinalIgnoreCase);

    internal List<SandboxRecord> Live(string sObjectType) =>
        byType.TryGetValue(sObjectType, out var records) ? records.Where(r => !r.IsDeleted).ToList() : [];

    internal List<SandboxRecord> AllOfType(string sObjectType) =>
        byType.TryGetValue(sObjectType, out var records) ? [.. records] : [];

    internal SandboxRecord? FindUnlocked(string id) => byId.GetValueOrDefault(id);

    /// <summary>The live tasks whose sync key is <paramref name="key"/>; more than one is the duplicate Salesforce refuses to upsert.</summary>
    internal List<SandboxRecord> LiveTasksWithSyncKey(string key) =>
        tasksBySyncKey.TryGetValue(key, out var records) ? records.Where(r => !r.IsDeleted).ToList() : [];

    internal string IssueSession()
    {
        var token = $"{Options.OrganizationId}!AQ{TokenRequests.ToString("D6", CultureInfo.InvariantCulture)}.sandbox";
        sessions.Add(token);
        return token;
    }

    internal void CountTokenRequest() => TokenRequests++;

    internal bool IsValidSession(string? token) => token is not null && sessions.Contains(token);

    /// <summary>Counts one API call against the allowance; false when the allowance is spent (the call is refused, not counted).</summary>
    internal bool TrySpendApiCall()
    {
        if (ApiCallsUsed >= DailyApiLimit)
        {
            return false;
        }

        ApiCallsUsed++;
        return true;
    }

    internal void RecordCollectionCall(int records)
    {
        CollectionCalls++;
        LargestCollectionCall = Math.Max(LargestCollectionCall, records);
    }

    internal string OpenCursor(QueryCursor cursor)
    {
        var locator = $"01gSB{(nextNumber++).ToString("D10", CultureInfo.InvariantCulture)}-{cursor.TotalSize - cursor.Remaining.Count}";
        cursors[locator] = cursor;
        return locator;
    }

    internal QueryCursor? TakeCursor(string locator) =>
        cursors.Remove(locator, out var cursor) ? cursor : null;

    private void Publish(SandboxRecord record, string changeType, IReadOnlyList<string> changedFields)
    {
        if (record.SObjectType is Lead or Contact)
        {
            RecordChanged?.Invoke(new SandboxRecordChange(
                record.SObjectType, record.Id, changeType, new Dictionary<string, object?>(record.Fields, StringComparer.OrdinalIgnoreCase), changedFields, Now()));
        }
    }

    private List<SandboxRecord> Snapshot(string sObjectType)
    {
        lock (Gate)
        {
            return AllOfType(sObjectType);
        }
    }

    private SandboxRecord Existing(string id) =>
        byId.TryGetValue(id, out var record) ? record : throw new ArgumentException($"The sandbox org has no record '{id}'.", nameof(id));

    private static void StampModifiedBy(SandboxRecord record, string? by)
    {
        if (record.Fields.ContainsKey("LastModifiedById"))
        {
            record.Fields["LastModifiedById"] = by ?? SomeoneElseId;
        }
    }

    /// <summary>As the org does: a Task is closed once its Status is Completed, and stamped with when that happened.</summary>
    private static void DeriveTaskFields(SandboxRecord record)
    {
        if (record.SObjectType != Task)
        {
            return;
        }

        var closed = string.Equals(record.Fields.GetValueOrDefault("Status") as string, "Completed", StringComparison.Ordinal);
        record.Fields["IsClosed"] = closed;
        record.Fields["CompletedDateTime"] = closed ? record.Fields.GetValueOrDefault("CompletedDateTime") ?? record.SystemModstamp : null;
    }

    private void Store(SandboxRecord record)
    {
        if (!byType.TryGetValue(record.SObjectType, out var list))
        {
            byType[record.SObjectType] = list = [];
        }

        list.Add(record);
        byId[record.Id] = record;
        Index(record);
    }

    private void Index(SandboxRecord record)
    {
        if (SyncKeyOf(record) is { } key)
        {
            if (!tasksBySyncKey.TryGetValue(key, out var records))
            {
                tasksBySyncKey[key] = records = [];
            }

            records.Add(record);
        }
    }

    private void Unindex(SandboxRecord record)
    {
        if (SyncKeyOf(record) is { } key && tasksBySyncKey.TryGetValue(key, out var records))
        {
            records.Remove(record);
            if (records.Count == 0)
            {
                tasksBySyncKey.Remove(key);
            }
        }
    }

    private string? SyncKeyOf(SandboxRecord record) =>
        string.Equals(record.SObjectType, Task, StringComparison.OrdinalIgnoreCase) ? record[Options.SyncKeyField] as string : null;

    private string NewId(string sObjectType) =>
        $"{KeyPrefixes[sObjectType]}SB{(nextNumber++).ToString("D10", CultureInfo.InvariantCulture)}EAA";

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
