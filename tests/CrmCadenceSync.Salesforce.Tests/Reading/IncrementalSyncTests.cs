using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Salesforce.Tests.Support;

namespace CrmCadenceSync.Salesforce.Tests.Reading;

public sealed class IncrementalSyncTests
{
    private static readonly Dictionary<string, string?> SmallPages = new() { ["PageSize"] = "12" };

    [Fact]
    public async Task Every_lead_and_contact_is_read_exactly_once_across_pages()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 70, Contacts = 45, QueryBatchSize = 5 }, SmallPages);
        var expected = host.Sandbox.Org.Leads.Where(l => !(bool)l["IsConverted"]!).Concat(host.Sandbox.Org.Contacts).Select(r => r.Id).Order().ToList();

        var (contacts, _, pages) = await host.ReadAllAsync(SyncCursor.Start);

        Assert.Equal(expected, contacts.Select(c => c.CrmId).Order().ToList());
        Assert.True(pages > 5, $"expected several pages, got {pages}");
        Assert.Contains(host.Requests, e => e.Path.Contains("/query/01g", StringComparison.Ordinal));
        Assert.DoesNotContain(contacts, c => c.IsConverted);
        Assert.All(contacts, c => Assert.Equal(SalesforceTestHost.Connection, c.Connection));
    }

    [Fact]
    public async Task Leads_and_contacts_that_only_together_fill_a_page_are_all_read()
    {
        // Neither query reaches the page size, but the two together pass it: the page is cut, so the run must go on.
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 10, Contacts = 10 }, SmallPages);
        var expected = host.Sandbox.Org.Leads.Where(l => !(bool)l["IsConverted"]!).Concat(host.Sandbox.Org.Contacts).Select(r => r.Id).Order().ToList();

        var (contacts, _, pages) = await host.ReadAllAsync(SyncCursor.Start);

        Assert.Equal(expected, contacts.Select(c => c.CrmId).Order().ToList());
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task Many_records_sharing_a_SystemModstamp_across_page_boundaries_are_all_read_once()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 30, Contacts = 30 }, SmallPages);
        var org = host.Sandbox.Org;
        var sameSecond = SalesforceTestHost.Now.AddHours(-1);
        var bulk = org.Contacts.Take(25).Concat(org.Leads.Where(l => !(bool)l["IsConverted"]!).Take(20)).Select(r => r.Id).ToList();
        foreach (var id in bulk)
        {
            org.Modify(id, new Dictionary<string, object?> { ["Title"] = "Bulk updated" }, sameSecond);
        }

        var (contacts, _, _) = await host.ReadAllAsync(SyncCursor.Start);

        var ids = contacts.Select(c => c.CrmId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(bulk, id => Assert.Single(ids, x => x == id));
    }

    [Fact]
    public async Task A_record_committing_late_inside_the_overlap_window_is_read_on_the_next_run()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 10, Contacts = 10 });
        var org = host.Sandbox.Org;
        var recent = org.Contacts[0].Id;
        org.Modify(recent, new Dictionary<string, object?> { ["Title"] = "Changed a minute ago" }, SalesforceTestHost.Now.AddMinutes(-1));
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);

        // A transaction that began three minutes ago commits now: its SystemModstamp is older than what run 1 read.
        var late = org.Add(SalesforceOrgState.Lead, new Dictionary<string, object?> { ["LastName"] = "Late", ["Company"] = "Slowco", ["IsConverted"] = false }, SalesforceTestHost.Now.AddMinutes(-3));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var (second, _, _) = await host.ReadAllAsync(cursor);

        Assert.Contains(second, c => c.CrmId == late.Id);
        Assert.True(cursor.ModifiedAt <= SalesforceTestHost.Now.AddMinutes(-5), $"cursor {cursor} must stay behind the overlap window");
    }

    [Fact]
    public async Task An_empty_run_leaves_the_cursor_where_it_was()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        host.Time.Advance(TimeSpan.FromHours(2));

        var page = await host.Connector.ReadChangedContactsAsync(cursor, CancellationToken.None);

        Assert.Empty(page.Contacts);
        Assert.Equal(cursor, page.Next);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Deletions_since_the_cursor_come_back_as_deleted_contacts()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 6, Contacts = 6 });
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        var gone = host.Sandbox.Org.Contacts[2].Id;
        host.Time.Advance(TimeSpan.FromMinutes(10));
        host.Sandbox.Org.Delete(gone);

        var (contacts, _, _) = await host.ReadAllAsync(cursor);

        var deleted = Assert.Single(contacts, c => c.IsDeleted);
        Assert.Equal(gone, deleted.CrmId);
        Assert.Equal(ContactRecordType.Contact, deleted.RecordType);
        Assert.Contains(host.Requests, e => e.Path.Contains("/sobjects/Contact/deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lost_deletion_window_restarts_sync_from_the_beginning()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        host.Time.Advance(TimeSpan.FromDays(20));

        var page = await host.Connector.ReadChangedContactsAsync(cursor, CancellationToken.None);

        Assert.Equal(SyncCursor.Start, page.Next);
        Assert.True(page.HasMore);
        Assert.Empty(page.Contacts);
    }

    [Fact]
    public async Task Reading_by_id_reports_missing_records_as_deleted_and_converted_leads_as_converted()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 20, Contacts = 5 });
        var org = host.Sandbox.Org;
        var converted = org.Leads.First(l => (bool)l["IsConverted"]!).Id;
        var contact = org.Contacts[0].Id;
        org.Delete(contact);

        var contacts = await host.Connector.ReadContactsAsync([converted, contact], CancellationToken.None);

        Assert.True(contacts[0].IsConverted);
        Assert.Equal(ContactRecordType.Lead, contacts[0].RecordType);
        Assert.True(contacts[1].IsDeleted);
    }
}
