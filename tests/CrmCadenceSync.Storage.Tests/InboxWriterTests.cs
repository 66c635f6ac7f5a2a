using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Tests;

public sealed class InboxWriterTests
{
    private static InboundEvent Event(string key, string contact = "101") =>
        new(key, "hubspot", InboundEventKind.ContactChanged, contact, new DateTimeOffset(2026, 11, 23, 13, 59, 0, TimeSpan.Zero), "hubspotscore", "82");

    private static InboxItem Item(string key) => new(Event(key));

    [Fact]
    public async Task A_redelivered_event_is_stored_once()
    {
        await using var store = await StoreHost.StartAsync();

        var first = await store.Service<InboxWriter>().AppendAsync([Item("a"), Item("a"), Item("b")], default);
        var again = await store.Service<InboxWriter>().AppendAsync([Item("b"), Item("c")], default);

        await using var db = store.NewContext();
        Assert.Equal(2, first);
        Assert.Equal(1, again);
        Assert.Equal(["a", "b", "c"], await db.InboxEvents.OrderBy(e => e.Id).Select(e => e.DedupeKey).ToListAsync());
    }

    [Fact]
    public async Task The_same_key_on_two_connections_is_two_events()
    {
        await using var store = await StoreHost.StartAsync();

        var stored = await store.Service<InboxWriter>().AppendAsync([Item("a"), new InboxItem(Event("a") with { Connection = "salesforce" })], default);

        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task A_polled_contact_is_stored_with_the_event_and_the_receipt_time()
    {
        await using var store = await StoreHost.StartAsync();
        var contact = new Contact { Connection = "hubspot", CrmId = "101", Email = "ada@example.com", LeadScore = 82 };

        await store.Service<InboxWriter>().AppendAsync([new InboxItem(Event("poll:101:1"), contact)], default);

        await using var db = store.NewContext();
        var row = await db.InboxEvents.SingleAsync();
        Assert.Equal(store.Time.GetUtcNow(), row.ReceivedAt);
        Assert.Null(row.ProcessedAt);
        Assert.Contains("\"Email\":\"ada@example.com\"", row.ContactJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_larger_than_one_statement_is_stored_whole_and_deduplicated()
    {
        await using var store = await StoreHost.StartAsync();
        await store.Service<InboxWriter>().AppendAsync([Item("key-7"), Item("key-399")], default);
        var page = Enumerable.Range(0, 450).Select(i => Item($"key-{i}")).ToList();

        var stored = await store.Service<InboxWriter>().AppendAsync(page, default);

        await using var db = store.NewContext();
        Assert.Equal(448, stored);
        Assert.Equal(450, await db.InboxEvents.CountAsync());
        Assert.Equal(450, await db.InboxEvents.Select(e => e.DedupeKey).Distinct().CountAsync());
    }
}
