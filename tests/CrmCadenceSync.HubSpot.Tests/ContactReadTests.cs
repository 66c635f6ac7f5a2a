using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.HubSpot.Tests.Support;

namespace CrmCadenceSync.HubSpot.Tests;

public sealed class ContactReadTests
{
    [Fact]
    public async Task List_paging_reads_every_contact_exactly_once()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 250);

        var contacts = await harness.RunAsync(async () =>
        {
            var all = new List<Contact>();
            await foreach (var contact in harness.Connector.ReadAllContactsAsync(CancellationToken.None))
            {
                all.Add(contact);
            }

            return all;
        });

        var expected = harness.Sandbox.Portal.Records("contacts").Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).Order();
        Assert.Equal(expected, contacts.Select(c => c.CrmId).Order());
        var calls = harness.Requests("/crm/objects/2026-03/contacts");
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("100", c.RequestMessage!.Query!["limit"].Single()));
    }

    [Fact]
    public async Task Incremental_sync_from_the_start_reads_every_contact_exactly_once()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 450);

        var read = await ReadUntilCaughtUpAsync(harness, SyncCursor.Start);

        Assert.Equal(450, read.Ids.Count);
        Assert.Equal(read.Ids.Count, read.Ids.Distinct().Count());
        var last = harness.Sandbox.Portal.Records("contacts").MaxBy(r => (r.UpdatedAt, r.Id))!;
        Assert.Equal(new SyncCursor(DateTimeOffset.FromUnixTimeMilliseconds(last.UpdatedAt.ToUnixTimeMilliseconds()), last.Id.ToString(CultureInfo.InvariantCulture)), read.Cursor);
    }

    [Fact]
    public async Task A_burst_of_recent_changes_larger_than_a_page_is_read_in_one_run_and_the_stored_cursor_stays_behind_the_overlap()
    {
        using var harness = new HubSpotHarness(
            s => s.Contacts = 0,
            new Dictionary<string, string?> { ["SyncOverlap"] = "00:02:00" });
        var recent = HubSpotHarness.Start.AddSeconds(-30);
        harness.Sandbox.Portal.AddContacts(250, i => recent.AddMilliseconds(i));

        var read = await ReadUntilCaughtUpAsync(harness, SyncCursor.Start);

        // Before, the run stopped after the first 100: the cursor could not move past changes inside the overlap.
        Assert.Equal(250, read.Ids.Distinct().Count());
        Assert.Equal(SyncCursor.Start, read.Cursor);
    }

    [Fact]
    public async Task Cursor_loses_nothing_when_many_records_share_one_timestamp()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 0);
        var shared = HubSpotHarness.Start.AddHours(-1);
        var ids = harness.Sandbox.Portal.AddContacts(450, shared);
        harness.Sandbox.Portal.AddContacts(30, shared.AddSeconds(1));

        var read = await ReadUntilCaughtUpAsync(harness, SyncCursor.Start);

        Assert.Equal(480, read.Ids.Distinct().Count());
        Assert.Superset(ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToHashSet(), read.Ids.ToHashSet());
        var searches = harness.Requests("/contacts/search");
        Assert.Contains(searches, s => s.Json()["sorts"]![0]!["propertyName"]!.GetValue<string>() == "hs_object_id");
    }

    [Fact]
    public async Task Cursor_reads_a_record_that_reaches_search_late_inside_the_overlap_window()
    {
        using var harness = new HubSpotHarness(
            s => { s.Contacts = 0; s.SearchLag = TimeSpan.FromSeconds(30); },
            new Dictionary<string, string?> { ["SyncOverlap"] = "00:02:00" });
        var portal = harness.Sandbox.Portal;
        var t0 = harness.Time.GetUtcNow();
        var early = portal.AddContacts(1, t0.AddMinutes(-10))[0];
        harness.Time.Advance(TimeSpan.FromSeconds(31));

        var first = await harness.RunAsync(() => harness.Connector.ReadChangedContactsAsync(SyncCursor.Start, CancellationToken.None));
        Assert.Equal([early.ToString(CultureInfo.InvariantCulture)], first.Contacts.Select(c => c.CrmId));

        var x = portal.AddContacts(1, harness.Time.GetUtcNow())[0];
        harness.Time.Advance(TimeSpan.FromSeconds(40));
        var second = await harness.RunAsync(() => harness.Connector.ReadChangedContactsAsync(first.Next, CancellationToken.None));
        Assert.Contains(x.ToString(CultureInfo.InvariantCulture), second.Contacts.Select(c => c.CrmId));
        Assert.True(second.Next.ModifiedAt <= harness.Time.GetUtcNow() - TimeSpan.FromMinutes(2), "the cursor stays behind the overlap window");

        // A change committed late: stamped 20 s before x, visible in search only 30 s after it was written.
        var late = portal.AddContacts(1, harness.Time.GetUtcNow())[0];
        portal.TouchContact(late, harness.Time.GetUtcNow().AddSeconds(-60));
        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var rest = await ReadUntilCaughtUpAsync(harness, second.Next);

        Assert.Contains(late.ToString(CultureInfo.InvariantCulture), rest.Ids);
    }

    [Fact]
    public async Task Without_an_overlap_window_the_late_record_would_be_skipped()
    {
        using var harness = new HubSpotHarness(
            s => { s.Contacts = 0; s.SearchLag = TimeSpan.FromSeconds(30); },
            new Dictionary<string, string?> { ["SyncOverlap"] = "00:00:00" });
        var portal = harness.Sandbox.Portal;
        var x = portal.AddContacts(1, harness.Time.GetUtcNow())[0];
        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var late = portal.AddContacts(1, harness.Time.GetUtcNow())[0];
        portal.TouchContact(late, harness.Time.GetUtcNow().AddSeconds(-40));
        var first = await harness.RunAsync(() => harness.Connector.ReadChangedContactsAsync(SyncCursor.Start, CancellationToken.None));
        Assert.Equal([x.ToString(CultureInfo.InvariantCulture)], first.Contacts.Select(c => c.CrmId));

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var rest = await ReadUntilCaughtUpAsync(harness, first.Next);

        Assert.DoesNotContain(late.ToString(CultureInfo.InvariantCulture), rest.Ids);
    }

    [Fact]
    public async Task Empty_run_does_not_move_the_cursor()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 0);
        var cursor = new SyncCursor(HubSpotHarness.Start.AddHours(-1), "1234");

        var page = await harness.RunAsync(() => harness.Connector.ReadChangedContactsAsync(cursor, CancellationToken.None));

        Assert.Empty(page.Contacts);
        Assert.Equal(cursor, page.Next);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Cursor_loses_nothing_when_one_window_holds_more_than_10000_changes()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 0);
        var t = HubSpotHarness.Start.AddHours(-1);
        // 10,500 changes inside one minute, three records per millisecond.
        harness.Sandbox.Portal.AddContacts(10_500, i => t.AddMilliseconds(i / 3));

        var read = await ReadUntilCaughtUpAsync(harness, SyncCursor.Start);

        Assert.Equal(10_500, read.Ids.Count);
        Assert.Equal(10_500, read.Ids.Distinct().Count());
        var searches = harness.Requests("/contacts/search");
        Assert.All(searches, s => Assert.Equal(200, s.Status()));
        Assert.All(searches, s => Assert.Null(s.Json()["after"]));
    }

    [Fact]
    public async Task Reading_by_id_reports_deleted_and_merged_contacts()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 5);
        var portal = harness.Sandbox.Portal;
        portal.ArchiveContact(1002);
        portal.MergeContacts(1003, 1004);

        var contacts = await harness.RunAsync(() => harness.Connector.ReadContactsAsync(["1001", "1002", "1004", "999999"], CancellationToken.None));

        Assert.Collection(
            contacts,
            c => Assert.False(c.IsDeleted),
            c => Assert.True(c.IsDeleted),
            c => Assert.Equal("1003", c.MergedIntoCrmId),
            c => Assert.True(c.IsDeleted));
        Assert.Single(harness.Requests("/contacts/batch/read"));
    }

    [Fact]
    public async Task Owners_are_read_with_paging()
    {
        using var harness = new HubSpotHarness(s => s.Owners = 8);

        var owners = await harness.RunAsync(() => harness.Connector.ReadOwnersAsync(CancellationToken.None));

        Assert.Equal(harness.Sandbox.Portal.Owners.Select(o => o.Id.ToString(CultureInfo.InvariantCulture)), owners.Select(o => o.Id));
        Assert.All(owners, o => Assert.EndsWith("@sandbox.example", o.Email, StringComparison.Ordinal));
    }

    private static async Task<(List<string> Ids, SyncCursor Cursor)> ReadUntilCaughtUpAsync(HubSpotHarness harness, SyncCursor cursor)
    {
        // As the worker's poller runs: it reads on from ReadOn and stores Next only when the connector moved it.
        var ids = new List<string>();
        var readFrom = cursor;
        for (var pages = 0; pages < 500; pages++)
        {
            var page = await harness.RunAsync(() => harness.Connector.ReadChangedContactsAsync(readFrom, CancellationToken.None));
            ids.AddRange(page.Contacts.Select(c => c.CrmId));
            if (page.Next != readFrom)
            {
                cursor = page.Next;
            }

            readFrom = page.ReadOn ?? page.Next;
            if (!page.HasMore)
            {
                return (ids, cursor);
            }
        }

        throw new InvalidOperationException("The sync never caught up.");
    }
}
