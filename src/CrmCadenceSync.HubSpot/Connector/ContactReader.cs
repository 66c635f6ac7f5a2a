using System.Globalization;
using System.Runtime.CompilerServices;
using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Mapping;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Schema;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// Incremental reads on a <c>(lastmodifieddate, id)</c> cursor. Every page is a fresh keyset search starting after the
/// cursor (never an <c>after</c> offset), so no query pages towards HubSpot's 10,000-result cap however many changes a
/// window holds; a timestamp shared by more records than a page is read by id within that timestamp. The cursor stays
/// <c>SyncOverlap</c> behind now, so records that reach the search index late are still read.
/// </summary>
internal sealed class ContactReader(
    string connection,
    IHubSpotCrmApi api,
    IMapper mapper,
    Func<HubSpotConnectionOptions> options,
    TimeProvider time,
    HubSpotPropertyAvailability availability)
{
    private readonly IncomingEmailReader replies = new(api, options, time);

    public const int SearchPageSize = 200;
    public const int ListPageSize = 100;
    public const int BatchReadSize = 100;
    private const string ModifiedProperty = "lastmodifieddate";
    private const string IdProperty = "hs_object_id";

    public async Task<ContactPage> ReadChangedAsync(SyncCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var current = options();
        var horizon = time.GetUtcNow() - current.SyncOverlap;
        var cursorMs = cursor.ModifiedAt.ToUnixTimeMilliseconds();
        var lastId = ParseId(cursor.LastId);

        var page = await SearchAsync(
            [
                new([new SearchFilter(ModifiedProperty, "GT", Ms(cursorMs))]),
                new([new SearchFilter(ModifiedProperty, "EQ", Ms(cursorMs)), new SearchFilter(IdProperty, "GT", Id(lastId))]),
            ],
            ModifiedProperty,
            cancellationToken).ConfigureAwait(false);
        var records = page.Select(r => (Record: r, Modified: Modified(r), Id: ParseId(r.Id))).ToList();
        var full = records.Count == SearchPageSize;
        if (full && records.All(r => r.Modified == records[0].Modified))
        {
            // One timestamp fills the page: read that timestamp alone, ordered by id, which is a complete keyset.
            var tie = records[0].Modified;
            var tiePage = await SearchAsync(
                [new([new SearchFilter(ModifiedProperty, "EQ", Ms(tie)), new SearchFilter(IdProperty, "GT", Id(tie == cursorMs ? lastId : 0))])],
                IdProperty,
                cancellationToken).ConfigureAwait(false);
            records = [.. tiePage.Select(r => (Record: r, Modified: tie, Id: ParseId(r.Id)))];
        }
        else if (full)
        {
            // The page may stop inside the group sharing its last timestamp: leave that group for the next page.
            var last = records.Max(r => r.Modified);
            records.RemoveAll(r => r.Modified == last);
        }

        records.Sort((a, b) => (a.Modified, a.Id).CompareTo((b.Modified, b.Id)));
        var next = cursor;
        foreach (var r in records.Where(r => DateTimeOffset.FromUnixTimeMilliseconds(r.Modified) <= horizon))
        {
            next = new SyncCursor(DateTimeOffset.FromUnixTimeMilliseconds(r.Modified), r.Record.Id);
        }

        // Changes newer than the overlap stay ahead of the stored cursor, but the run reads on past them: a burst of
        // recent changes larger than a page would otherwise be read one page per poll until it aged past the overlap.
        var readOn = records.Count == 0 ? cursor : new SyncCursor(DateTimeOffset.FromUnixTimeMilliseconds(records[^1].Modified), records[^1].Record.Id);
        var contacts = await replies.ApplyAsync([.. records.Select(r => Map(r.Record))], cancellationToken).ConfigureAwait(false);
        return new ContactPage(contacts, next, full && readOn != cursor, readOn);
    }

    /// <summary>Every contact through the list endpoint's cursor paging (100 per page), for a first full load.</summary>
    public async IAsyncEnumerable<Contact> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        var properties = Properties();
        do
        {
            var page = await api.ListContactsAsync(options().ApiVersion, ListPageSize, after, properties, cancellationToken).Unwrapped().ConfigureAwait(false);
            foreach (var record in page.Results)
            {
                yield return Map(record);
            }

            after = page.Paging?.Next?.After;
        }
        while (after is not null);
    }

    /// <summary>Reads by id; an id HubSpot no longer has comes back deleted, or merged when a survivor lists it.</summary>
    public async Task<IReadOnlyList<Contact>> ReadByIdsAsync(IReadOnlyCollection<string> crmIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Contact>(StringComparer.Ordinal);
        var mergedInto = new Dictionary<string, string>(StringComparer.Ordinal);
        var properties = Properties();
        foreach (var chunk in crmIds.Distinct(StringComparer.Ordinal).Chunk(BatchReadSize))
        {
            BatchReadRequest request = new([.. chunk.Select(id => new ObjectIdInput(id))], properties);
            var batch = await api.BatchReadAsync(options().ApiVersion, HubSpotObjectTypes.Contacts, request, false, cancellationToken).Unwrapped()
                .ConfigureAwait(false);
            foreach (var record in batch.Results)
            {
                found[record.Id] = Map(record);
                foreach (var merged in (HubSpotValues.Text(record, "hs_merged_object_ids") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    mergedInto[merged.Trim()] = record.Id;
                }
            }
        }

        var now = time.GetUtcNow();
        var withReplies = (await replies.ApplyAsync([.. found.Values], cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.CrmId, StringComparer.Ordinal);
        return [.. crmIds.Select(id => withReplies.TryGetValue(id, out var contact)
            ? contact
            : new Contact
            {
                Connection = connection,
                CrmId = id,
                IsDeleted = true,
                MergedIntoCrmId = mergedInto.GetValueOrDefault(id),
                UpdatedAt = now,
            })];
    }

    /// <summary>The configured properties, without the optional ones the portal does not have.</summary>
    private List<string> Properties() => [.. options().FieldMapping.AllProperties().Where(p => !availability.IsAbsent(p))];

    private async Task<IReadOnlyList<HubSpotObject>> SearchAsync(
        IReadOnlyList<SearchFilterGroup> groups,
        string sortProperty,
        CancellationToken cancellationToken)
    {
        SearchRequest request = new(groups, [new SearchSort(sortProperty, "ASCENDING")], Properties(), SearchPageSize);
        var response = await api.SearchAsync(options().ApiVersion, HubSpotObjectTypes.Contacts, request, cancellationToken).Unwrapped().ConfigureAwait(false);
        return response.Results;
    }

    private Contact Map(HubSpotObject record) => mapper.Map<Contact>(record);

    private static long Modified(HubSpotObject record) =>
        (HubSpotValues.Time(record, ModifiedProperty) ?? record.UpdatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds();

    private static long ParseId(string id) => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
}
