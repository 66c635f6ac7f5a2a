using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Mapping;
using CrmCadenceSync.Salesforce.Schema;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>Incremental and by-id reads of Leads and Contacts, removals through getDeleted, and our Tasks read back.</summary>
internal sealed partial class SalesforceContactReader(
    string connection,
    SalesforceConnectionOptions options,
    ISalesforceApi api,
    SalesforceFieldAvailability availability,
    IMapper mapper,
    TimeProvider time,
    ILogger<SalesforceContactReader> logger)
{
    private const int IdsPerQuery = 200;

    private readonly SoqlQueries soql = new(options, availability);
    private readonly SalesforceEngagementReader engagement = new(connection, options, api, time, logger);

    public async Task<ContactPage> ReadChangedAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        var leads = await QueryAllAsync(soql.Changed(SalesforceObjects.Lead, cursor), cancellationToken).ConfigureAwait(false);
        var contacts = await QueryAllAsync(soql.Changed(SalesforceObjects.Contact, cursor), cancellationToken).ConfigureAwait(false);

        // Each object's page is complete up to its own last record, so the merged order is complete up to the
        // PageSize-th record overall; anything past it comes again on the next page. The page is full when either
        // query hit its limit or the two together filled it: records cut off here are read only if the run goes on.
        var merged = leads.Concat(contacts)
            .Select(r => (Record: r, At: r.GetDateTime("SystemModstamp") ?? DateTimeOffset.UnixEpoch, Id: r.GetString("Id") ?? ""))
            .OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var live = merged.Take(options.PageSize).ToList();
        var hasMore = merged.Count > options.PageSize || leads.Count >= options.PageSize || contacts.Count >= options.PageSize;

        var deletions = await ReadDeletedAsync(cursor, cancellationToken).ConfigureAwait(false);
        if (deletions is null)
        {
            return new ContactPage([], SyncCursor.Start, HasMore: true);
        }

        var liveIds = live.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var converted = await ReadConvertedIntoAsync([.. live.Where(r => ObjectOf(r.Id) == SalesforceObjects.Contact).Select(r => r.Id)], cancellationToken)
            .ConfigureAwait(false);

        // The converted Leads first: their enrollment moves to the Contact before the Contact is applied.
        var mapped = await engagement.ApplyAsync(
            [.. converted.Where(r => !liveIds.Contains(r.GetString("Id") ?? "")).Concat(live.Select(r => r.Record)).Select(r => mapper.Map<Contact>(r))],
            cancellationToken).ConfigureAwait(false);
        var page = mapped
            .Concat(deletions.Where(d => !liveIds.Contains(d.CrmId)))
            .ToList();
        // Once per run, on its first page: a cursor that ended a run (no id) is the run's start. A full sync reads
        // everyone anyway.
        if (cursor.LastId.Length == 0 && cursor != SyncCursor.Start)
        {
            page.AddRange(await ReadEngagedAsync(cursor, page, cancellationToken).ConfigureAwait(false));
        }

        return new ContactPage(page, NextCursor(cursor, live.Count == 0 ? null : (live[^1].At, live[^1].Id), hasMore), hasMore);
    }

    public async Task<IReadOnlyList<Contact>> ReadByIdsAsync(IReadOnlyCollection<string> crmIds, CancellationToken cancellationToken) =>
        await engagement.ApplyAsync(await ReadRecordsByIdsAsync(crmIds, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A reply or meeting is recorded on an activity, not on the Lead or Contact, so it does not move their
    /// SystemModstamp: the people with activities recorded since the run's start (less the overlap) are read again
    /// with the engagement as their new version.
    /// </summary>
    private async Task<IReadOnlyList<Contact>> ReadEngagedAsync(SyncCursor cursor, IReadOnlyList<Contact> page, CancellationToken cancellationToken)
    {
        var engaged = (await engagement.FindEngagedSinceAsync(cursor.ModifiedAt - options.OverlapWindow, cancellationToken).ConfigureAwait(false))
            .Except(page.Select(c => c.CrmId), StringComparer.Ordinal)
            .ToList();
        if (engaged.Count == 0)
        {
            return [];
        }

        var read = await ReadByIdsAsync(engaged, cancellationToken).ConfigureAwait(false);
        return [.. read.Where(c => !c.IsDeleted)];
    }

    private async Task<IReadOnlyList<Contact>> ReadRecordsByIdsAsync(IReadOnlyCollection<string> crmIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Contact>(StringComparer.Ordinal);
        foreach (var group in crmIds.Distinct(StringComparer.Ordinal).GroupBy(ObjectOf))
        {
            foreach (var chunk in group.Chunk(IdsPerQuery))
            {
                var records = await QueryAllAsync(soql.ByIds(group.Key, chunk), cancellationToken).ConfigureAwait(false);
                foreach (var contact in records.Select(mapper.Map<Contact>))
                {
                    found[contact.CrmId] = contact;
                }
            }
        }

        return crmIds.Select(id => found.TryGetValue(id, out var contact) ? contact : Deleted(id, time.GetUtcNow())).ToList();
    }

    private async Task<List<SalesforceRecord>> ReadConvertedIntoAsync(IReadOnlyList<string> contactIds, CancellationToken cancellationToken)
    {
        var leads = new List<SalesforceRecord>();
        foreach (var chunk in contactIds.Chunk(IdsPerQuery))
        {
            leads.AddRange(await QueryAllAsync(soql.ConvertedInto(chunk), cancellationToken).ConfigureAwait(false));
        }

        return leads;
    }

    /// <summary>One SOQL query per 200 task ids; a closed task's completion falls back to its last change when Salesforce has no CompletedDateTime.</summary>
    public async Task<IReadOnlyList<CrmTaskState>> ReadTaskStatesAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        var states = new List<CrmTaskState>();
        foreach (var chunk in taskIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            foreach (var record in await QueryAllAsync(SoqlQueries.TasksByIds(chunk), cancellationToken).ConfigureAwait(false))
            {
                var closed = record.GetBoolean("IsClosed");
                states.Add(new CrmTaskState(
                    record.GetString("Id") ?? "",
                    closed,
                    closed ? record.GetDateTime("CompletedDateTime") ?? record.GetDateTime("SystemModstamp") : null,
                    record.GetString("CallDisposition") is { Length: > 0 } outcome ? outcome : null));
            }
        }

        return states;
    }

    public async Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken)
    {
        var users = await QueryAllAsync(SoqlQueries.ActiveUsers(), cancellationToken).ConfigureAwait(false);
        return users.Select(mapper.Map<Owner>).ToList();
    }

    /// <summary>
    /// A full page continues right after its last record. The last page of a run steps back to now minus the overlap
    /// window, so a transaction that commits late with an older SystemModstamp is read on the next run. An empty page
    /// keeps the cursor where it was.
    /// </summary>
    private SyncCursor NextCursor(SyncCursor cursor, (DateTimeOffset At, string Id)? last, bool hasMore)
    {
        if (last is not { } l)
        {
            return cursor;
        }

        if (hasMore)
        {
            return new SyncCursor(l.At, l.Id);
        }

        var horizon = TruncateToSeconds(time.GetUtcNow() - options.OverlapWindow);
        return new SyncCursor(horizon, "");
    }

    /// <summary>Removals since the cursor (less the overlap); null when Salesforce no longer holds that window and a full resync is due.</summary>
    private async Task<List<Contact>?> ReadDeletedAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        if (cursor == SyncCursor.Start)
        {
            return [];
        }

        var start = cursor.ModifiedAt - options.OverlapWindow;
        var end = time.GetUtcNow();
        var result = new List<Contact>();
        foreach (var sObject in (string[])[SalesforceObjects.Lead, SalesforceObjects.Contact])
        {
            var deleted = await api.GetDeletedAsync(options.ApiVersion, sObject, Iso(start), Iso(end), cancellationToken).ConfigureAwait(false);

            // Only a cursor that ended a run (no id) says everything before it was seen; mid-run cursors are part of a
            // sweep that is reading the live records anyway.
            if (cursor.LastId.Length == 0 && SalesforceRecordValues.ParseDateTime(deleted.EarliestDateAvailable) is { } earliest && earliest > start)
            {
                LogDeletionWindowLost(connection, sObject, start, earliest);
                return null;
            }

            result.AddRange(deleted.DeletedRecords.Select(d => Deleted(d.Id, SalesforceRecordValues.ParseDateTime(d.DeletedDate) ?? end)));
        }

        return result;
    }

    private Contact Deleted(string id, DateTimeOffset at) => new()
    {
        Connection = connection,
        CrmId = id,
        RecordType = ObjectOf(id) == SalesforceObjects.Lead ? ContactRecordType.Lead : ContactRecordType.Contact,
        IsDeleted = true,
        UpdatedAt = at,
    };

    private Task<List<SalesforceRecord>> QueryAllAsync(string query, CancellationToken cancellationToken) =>
        SalesforceQueryPager.QueryAllAsync(api, options.ApiVersion, query, cancellationToken);

    private static string ObjectOf(string id) =>
        id.StartsWith(SalesforceObjects.LeadIdPrefix, StringComparison.Ordinal) ? SalesforceObjects.Lead : SalesforceObjects.Contact;

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Salesforce connection '{Connection}': {SObject} deletions since {Start:u} are no longer available (earliest {Earliest:u}); starting a full resync")]
    private partial void LogDeletionWindowLost(string connection, string sObject, DateTimeOffset start, DateTimeOffset earliest);
}
