using System.Globalization;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>The sandbox portal's state: records per object type, owners, property definitions. Thread-safe.</summary>
public sealed class HubSpotPortal(HubSpotSandboxOptions options)
{
    private readonly Dictionary<string, SortedDictionary<long, HubSpotRecord>> objects =
        HubSpotPropertyCatalog.ObjectTypes.ToDictionary(t => t, _ => new SortedDictionary<long, HubSpotRecord>(), StringComparer.Ordinal);

    private readonly Dictionary<string, Dictionary<string, HubSpotPropertyRecord>> properties =
        HubSpotPropertyCatalog.ObjectTypes.ToDictionary(
            t => t,
            t => HubSpotPropertyCatalog.Defaults(t).Where(p => !IsMissing(options, t, p.Name)).ToDictionary(p => p.Name, StringComparer.Ordinal),
            StringComparer.Ordinal);

    private readonly Dictionary<string, HashSet<string>> groups =
        HubSpotPropertyCatalog.ObjectTypes.ToDictionary(t => t, t => new HashSet<string>([HubSpotPropertyCatalog.DefaultGroup(t)]), StringComparer.Ordinal);

    /// <summary>Value to record per unique property, built on first use and kept current by every write, so checking a batch is not a scan.</summary>
    private readonly Dictionary<(string ObjectType, string Property), Dictionary<string, HubSpotRecord>> uniqueIndexes = [];

    private readonly List<HubSpotOwnerRecord> owners = [];
    private readonly Dictionary<long, List<long>> callsByTask = [];
    private readonly Dictionary<string, DateTimeOffset> unsubscribedFromAll = new(StringComparer.OrdinalIgnoreCase);
    private long nextContactId = 1001;
    private long nextActivityId = 90_000_000_001;

    internal Lock Gate { get; } = new();

    public TimeProvider Time => options.Time;

    /// <summary>See <see cref="HubSpotSandboxOptions.EnforceActivityUniqueness"/>.</summary>
    internal bool EnforcesUniqueness => options.EnforceActivityUniqueness;

    public IReadOnlyList<HubSpotOwnerRecord> Owners
    {
        get
        {
            lock (Gate)
            {
                return [.. owners];
            }
        }
    }

    /// <summary>When each address was unsubscribed from all email through the communication preferences API.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> UnsubscribedFromAll
    {
        get
        {
            lock (Gate)
            {
                return new Dictionary<string, DateTimeOffset>(unsubscribedFromAll, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>
    /// Unsubscribes an address from all email, as HubSpot does: the wide status is recorded once (a repeat changes
    /// nothing) and every contact with that address gets <c>hs_email_optout</c> true and a new modification time.
    /// </summary>
    /// <returns>When the address was unsubscribed (the first time).</returns>
    internal DateTimeOffset UnsubscribeFromAll(string email)
    {
        lock (Gate)
        {
            if (unsubscribedFromAll.TryGetValue(email, out var at))
            {
                return at;
            }

            var now = Time.GetUtcNow();
            unsubscribedFromAll[email] = now;
            foreach (var contact in objects["contacts"].Values.Where(c => !c.Archived && string.Equals(c["email"], email, StringComparison.OrdinalIgnoreCase)))
            {
                SetProperty(contact, "hs_email_optout", "true");
                Stamp(contact, now, now);
            }

            return now;
        }
    }

    internal DateTimeOffset? UnsubscribedAt(string email)
    {
        lock (Gate)
        {
            return unsubscribedFromAll.TryGetValue(email, out var at) ? at : null;
        }
    }

    /// <summary>A snapshot of the stored records of one type (contacts, tasks, emails, notes), archived ones included.</summary>
    public IReadOnlyList<HubSpotRecord> Records(string objectType)
    {
        lock (Gate)
        {
            return [.. objects[objectType].Values];
        }
    }

    public HubSpotRecord? Find(string objectType, long id)
    {
        lock (Gate)
        {
            return objects[objectType].GetValueOrDefault(id);
        }
    }

    /// <summary>Adds contacts modified at <paramref name="modifiedAt"/> (default now); they reach search after the lag.</summary>
    public IReadOnlyList<long> AddContacts(int count, DateTimeOffset? modifiedAt = null)
    {
        var now = Time.GetUtcNow();
        return AddContacts(count, _ => modifiedAt ?? now);
    }

    /// <summary>Adds contacts, the i-th modified at <paramref name="modifiedAt"/>(i).</summary>
    public IReadOnlyList<long> AddContacts(int count, Func<int, DateTimeOffset> modifiedAt)
    {
        ArgumentNullException.ThrowIfNull(modifiedAt);
        var now = Time.GetUtcNow();
        var ids = new List<long>(count);
        lock (Gate)
        {
            for (var i = 0; i < count; i++)
            {
                var record = NewContact(modifiedAt(i), now);
                record.Properties["email"] = $"added.{record.Id}@sandbox.example";
                record.Properties["hubspotscore"] = "50";
                ids.Add(record.Id);
            }
        }

        return ids;
    }

    /// <summary>Changes a contact as of <paramref name="modifiedAt"/>; a past time models a late commit.</summary>
    public void TouchContact(long id, DateTimeOffset modifiedAt, IReadOnlyDictionary<string, string?>? changes = null)
    {
        lock (Gate)
        {
            var record = objects["contacts"][id];
            foreach (var (name, value) in (changes ?? new Dictionary<string, string?>()).Where(c => !IsMissing(options, "contacts", c.Key)))
            {
                SetProperty(record, name, value);
            }

            Stamp(record, modifiedAt, Time.GetUtcNow());
        }
    }

    public void ArchiveContact(long id)
    {
        lock (Gate)
        {
            objects["contacts"][id].Archived = true;
        }
    }

    /// <summary>
    /// A GDPR (privacy) deletion: HubSpot removes the contact for good, not to the recycle bin, so reads by id find
    /// nothing and it cannot be restored.
    /// </summary>
    public void PrivacyDeleteContact(long id)
    {
        lock (Gate)
        {
            var record = objects["contacts"][id];
            foreach (var name in record.Properties.Keys.ToList())
            {
                SetProperty(record, name, null);
            }

            objects["contacts"].Remove(id);
        }
    }

    /// <summary>Restores an archived contact, as HubSpot's recycle bin does within 90 days.</summary>
    public void RestoreContact(long id)
    {
        lock (Gate)
        {
            objects["contacts"][id].Archived = false;
        }
    }

    /// <summary>Merges <paramref name="merged"/> into <paramref name="primary"/> as HubSpot does: the merged id is archived and listed on the survivor.</summary>
    public void MergeContacts(long primary, long merged)
    {
        lock (Gate)
        {
            var survivor = objects["contacts"][primary];
            objects["contacts"][merged].Archived = true;
            var list = survivor["hs_merged_object_ids"];
            survivor.Properties["hs_merged_object_ids"] = string.IsNullOrEmpty(list)
                ? merged.ToString(CultureInfo.InvariantCulture)
                : $"{list};{merged}";
            Stamp(survivor, Time.GetUtcNow(), Time.GetUtcNow());
        }
    }

    /// <summary>
    /// A rep logs a call for a task, as HubSpot's task queue does: a call engagement with the outcome (the disposition's
    /// GUID for <paramref name="outcomeLabel"/>), associated with the task. Complete the task itself through the API.
    /// </summary>
    public long LogCall(long taskId, string outcomeLabel)
    {
        var disposition = HubSpotPropertyCatalog.CallDispositions.Single(d => string.Equals(d.Label, outcomeLabel, StringComparison.OrdinalIgnoreCase));
        lock (Gate)
        {
            var now = Time.GetUtcNow();
            var call = NewActivity("calls", new Dictionary<string, string?>
            {
                ["hs_timestamp"] = Iso(now),
                ["hs_call_title"] = $"Call for task {taskId}",
                ["hs_call_status"] = "COMPLETED",
                ["hs_call_direction"] = "OUTBOUND",
                ["hs_call_disposition"] = disposition.Value,
            }, now);
            if (!callsByTask.TryGetValue(taskId, out var calls))
            {
                callsByTask[taskId] = calls = [];
            }

            calls.Add(call.Id);
            return call.Id;
        }
    }

    /// <summary>
    /// A reply from the contact, as HubSpot records one to a tracked email: an email engagement with
    /// <c>hs_email_direction</c> INCOMING_EMAIL (subject, text, and the from/to JSON HubSpot keeps in
    /// <c>hs_email_headers</c>; no raw mail headers), associated with the contact, whose reply date then changes.
    /// </summary>
    public long AddIncomingEmail(long contactId, SandboxReply reply, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (Gate)
        {
            var now = Time.GetUtcNow();
            var contact = objects["contacts"][contactId];
            var headers = System.Text.Json.JsonSerializer.Serialize(new
            {
                from = new { email = contact["email"], firstName = contact["firstname"], lastName = contact["lastname"] },
                to = Array.Empty<object>(),
                cc = Array.Empty<object>(),
                bcc = Array.Empty<object>(),
            });
            var email = NewActivity("emails", new Dictionary<string, string?>
            {
                ["hs_timestamp"] = Iso(at),
                ["hs_email_direction"] = "INCOMING_EMAIL",
                ["hs_email_status"] = "SENT",
                ["hs_email_subject"] = reply.Subject,
                ["hs_email_text"] = reply.Body,
                ["hs_email_headers"] = headers,
            }, now);
            email.Associations.Add(new HubSpotAssociation(contactId, "HUBSPOT_DEFINED", 198));
            SetProperty(contact, "hs_sales_email_last_replied", Iso(at));
            Stamp(contact, now, now);
            return email.Id;
        }
    }

    /// <summary>The emails associated with a contact (ours and the contact's).</summary>
    internal IReadOnlyList<long> EmailsOfContact(long contactId) =>
        [.. objects["emails"].Values.Where(e => !e.Archived && e.Associations.Any(a => a.ToContactId == contactId)).Select(e => e.Id)];

    internal IReadOnlyList<long> CallsOfTask(long taskId) => callsByTask.TryGetValue(taskId, out var calls) ? calls : [];

    internal void AddOwner(HubSpotOwnerRecord owner) => owners.Add(owner);

    internal HubSpotRecord NewContact(DateTimeOffset modifiedAt, DateTimeOffset now)
    {
        var record = new HubSpotRecord { Id = nextContactId++, ObjectType = "contacts", CreatedAt = modifiedAt };
        record.Properties["createdate"] = Iso(modifiedAt);
        objects["contacts"][record.Id] = record;
        Stamp(record, modifiedAt, now);
        return record;
    }

    internal HubSpotRecord NewActivity(string objectType, IReadOnlyDictionary<string, string?> values, DateTimeOffset now)
    {
        var record = new HubSpotRecord { Id = nextActivityId++, ObjectType = objectType, CreatedAt = now };
        foreach (var (name, value) in values)
        {
            SetProperty(record, name, value);
        }

        record.Properties["hs_createdate"] = Iso(now);
        objects[objectType][record.Id] = record;
        Stamp(record, now, now);
        return record;
    }

    internal void Stamp(HubSpotRecord record, DateTimeOffset modifiedAt, DateTimeOffset now)
    {
        record.UpdatedAt = modifiedAt;
        record.Properties["hs_object_id"] = record.Id.ToString(CultureInfo.InvariantCulture);
        record.Properties[record.ObjectType == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate"] = Iso(modifiedAt);
        record.VisibleInSearchAt = now + options.SearchLag;
    }

    /// <summary>Sets a property, keeping the unique-value index of that property current.</summary>
    internal void SetProperty(HubSpotRecord record, string name, string? value)
    {
        if (uniqueIndexes.TryGetValue((record.ObjectType, name), out var index))
        {
            if (record[name] is { } old && index.TryGetValue(old, out var holder) && ReferenceEquals(holder, record))
            {
                index.Remove(old);
            }

            if (value is not null)
            {
                index.TryAdd(value, record);
            }
        }

        record.Properties[name] = value;
    }

    /// <summary>The record holding each value of a unique property (archived records keep their values, as in HubSpot).</summary>
    internal Dictionary<string, HubSpotRecord> UniqueIndex(string objectType, string property)
    {
        if (!uniqueIndexes.TryGetValue((objectType, property), out var index))
        {
            index = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
            foreach (var record in objects[objectType].Values)
            {
                if (record[property] is { } value)
                {
                    index.TryAdd(value, record);
                }
            }

            uniqueIndexes[(objectType, property)] = index;
        }

        return index;
    }

    internal SortedDictionary<long, HubSpotRecord> Store(string objectType) => objects[objectType];

    internal Dictionary<string, HubSpotPropertyRecord> PropertiesOf(string objectType) => properties[objectType];

    internal HashSet<string> GroupsOf(string objectType) => groups[objectType];

    internal List<HubSpotOwnerRecord> OwnerList => owners;

    /// <summary>See <see cref="HubSpotSandboxOptions.MissingProperties"/>.</summary>
    internal static bool IsMissing(HubSpotSandboxOptions options, string objectType, string name) =>
        options.MissingProperties.Any(entry => entry == $"{objectType}.{name}" || (objectType == "contacts" && entry == name));

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
