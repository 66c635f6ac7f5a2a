using System.Net;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CrmCadenceSync.Salesforce.Tests.Reading;

/// <summary>
/// Replies and meetings read from EmailMessage, email Task and Event records: batched per 200 contacts, configured
/// fields first, and people whose only change is a new activity read again.
/// </summary>
public sealed class EngagementReadTests
{
    [Fact]
    public async Task Replies_and_meetings_of_450_leads_are_read_in_batches_of_at_most_200_ids_not_per_contact()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 450, Contacts = 0 });
        var org = host.Sandbox.Org;
        var rep = org.Users[0].Id;
        var at = host.Time.GetUtcNow().AddDays(-1);
        foreach (var lead in org.Leads)
        {
            org.AddIncomingEmail(lead.Id, rep, at);
            org.AddEvent(lead.Id, rep, at.AddDays(3), at.AddHours(1));
        }

        host.Sandbox.Server.ResetLogEntries();
        var (contacts, _, _) = await host.ReadAllAsync(SyncCursor.Start);

        // The sandbox converts some of its seeded leads; converted ones are not read.
        var open = org.Leads.Count(l => l["IsConverted"] is false);
        Assert.InRange(open, 401, 450);
        Assert.Equal(open, contacts.Count);
        Assert.All(contacts, c => Assert.Equal((at, at.AddHours(1)), (c.LastRepliedAt, c.LastMeetingBookedAt)));
        var queries = Queries(host);
        foreach (var from in new[] { "FROM EmailMessageRelation", "FROM Event" })
        {
            var sent = queries.Where(q => q.Contains(from, StringComparison.Ordinal)).ToList();
            Assert.Equal(3, sent.Count);
            Assert.All(sent, q => Assert.InRange(System.Text.RegularExpressions.Regex.Count(q, "'00[3Q][A-Za-z0-9]+'"), 1, 200));
        }

        // The incoming check names the messages found, 200 at a time as well: over 400 messages, 3 queries. With
        // Enhanced Email on, email Tasks are not read by default.
        Assert.Equal(3, queries.Count(q => q.Contains("FROM EmailMessage WHERE Incoming = true", StringComparison.Ordinal)));
        Assert.DoesNotContain(queries, q => q.Contains("FROM Task", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_latest_incoming_email_comes_with_its_subject_text_and_headers_in_the_same_queries()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 1, Contacts = 0 });
        var org = host.Sandbox.Org;
        var lead = org.Leads[0];
        var at = host.Time.GetUtcNow().AddDays(-1);
        org.AddReply(lead.Id, org.Users[0].Id, at.AddHours(-5), CrmCadenceSync.Mocks.SandboxReplies.HumanEnglish);
        org.AddReply(lead.Id, org.Users[0].Id, at, CrmCadenceSync.Mocks.SandboxReplies.OutOfOfficeGerman);

        host.Sandbox.Server.ResetLogEntries();
        var (contacts, _, _) = await host.ReadAllAsync(SyncCursor.Start);

        var reply = Assert.Single(contacts).LastReply!;
        Assert.Equal((at, "Abwesenheitsnotiz: Kurze Frage"), (reply.ReceivedAt, reply.Subject));
        Assert.Contains("Ab dem 14. Januar", reply.Body, StringComparison.Ordinal);
        Assert.Equal("Auto-Submitted: auto-replied", CrmCadenceSync.Core.Replies.AutoReplyHeaders.Find(reply.Headers));
        Assert.Single(Queries(host), q => q.Contains("FROM EmailMessage WHERE Incoming = true", StringComparison.Ordinal) && q.Contains("Headers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configured_reply_field_with_a_value_wins_and_the_activity_fills_in_when_it_is_empty()
    {
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 2, Contacts = 0 },
            new Dictionary<string, string?> { ["FieldMapping:LastRepliedAtField"] = "Last_Replied_At__c" });
        var org = host.Sandbox.Org;
        var (withField, without) = (org.Leads[0], org.Leads[1]);
        var fieldValue = host.Time.GetUtcNow().AddDays(-5);
        var emailed = host.Time.GetUtcNow().AddDays(-1);
        org.Modify(withField.Id, new Dictionary<string, object?> { ["Last_Replied_At__c"] = fieldValue });
        org.AddIncomingEmail(withField.Id, org.Users[0].Id, emailed);
        org.AddIncomingEmail(without.Id, org.Users[0].Id, emailed);

        var contacts = await host.Connector.ReadContactsAsync([withField.Id, without.Id], CancellationToken.None);

        Assert.Equal(fieldValue, contacts.Single(c => c.CrmId == withField.Id).LastRepliedAt);
        Assert.Equal(emailed, contacts.Single(c => c.CrmId == without.Id).LastRepliedAt);
    }

    [Fact]
    public async Task Outgoing_email_case_email_our_tasks_and_old_events_are_no_reply_or_meeting_but_an_integrations_email_task_is_with_Always()
    {
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 4, Contacts = 0 },
            new Dictionary<string, string?> { ["EmailTaskReplies"] = "Always" });
        var org = host.Sandbox.Org;
        var rep = org.Users[0].Id;
        var at = host.Time.GetUtcNow().AddHours(-2);
        var (outgoing, caseEmail, ours, logged) = (org.Leads[0], org.Leads[1], org.Leads[2], org.Leads[3]);
        org.AddOutgoingEmail(rep, outgoing.Id, at);
        var support = org.AddIncomingEmail(caseEmail.Id, rep, at);
        org.Modify(support.Id, new Dictionary<string, object?> { ["ParentId"] = "500SB0000000001EAA" });
        org.Add(SalesforceOrgState.Task, new Dictionary<string, object?>
        {
            ["WhoId"] = ours.Id, ["Subject"] = "Email: step 1", ["Status"] = "Completed", ["TaskSubtype"] = "Email", [org.Options.SyncKeyField] = "ccs:1",
        }, at);
        org.AddLoggedEmailTask(logged.Id, rep, at);
        org.AddEvent(outgoing.Id, rep, at, host.Time.GetUtcNow().AddDays(-400));

        var contacts = await host.Connector.ReadContactsAsync([outgoing.Id, caseEmail.Id, ours.Id, logged.Id], CancellationToken.None);

        Assert.Equal([null, null, null, at], contacts.OrderBy(c => c.CrmId == logged.Id).Select(c => c.LastRepliedAt));
        Assert.All(contacts, c => Assert.Null(c.LastMeetingBookedAt));
    }

    [Fact]
    public async Task With_Enhanced_Email_on_an_email_task_no_message_owns_is_not_a_reply_by_default_and_tasks_are_not_queried()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 3, Contacts = 0 });
        var org = host.Sandbox.Org;
        var lead = org.Leads[0];
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        host.Time.Advance(TimeSpan.FromMinutes(30));

        // Email to Salesforce (BCC) logs the rep's own sent mail as a Task alone, which says nothing of direction.
        org.AddLoggedEmailTask(lead.Id, org.Users[0].Id, host.Time.GetUtcNow().AddMinutes(-5), "Email: Following up");
        var (polled, _, _) = await host.ReadAllAsync(cursor);
        var read = await host.Connector.ReadContactsAsync([lead.Id], CancellationToken.None);

        Assert.Empty(polled);
        Assert.Null(Assert.Single(read).LastRepliedAt);
        Assert.DoesNotContain(Queries(host), q => q.Contains("FROM Task", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_whose_only_change_is_a_new_email_is_read_again_with_the_email_as_its_new_version()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 5 });
        var org = host.Sandbox.Org;
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        host.Time.Advance(TimeSpan.FromMinutes(30));
        var lead = org.Leads[2];
        var repliedAt = host.Time.GetUtcNow();
        org.AddIncomingEmail(lead.Id, org.Users[0].Id, repliedAt);

        var (contacts, _, _) = await host.ReadAllAsync(cursor);

        var read = Assert.Single(contacts);
        Assert.Equal((lead.Id, repliedAt, repliedAt), (read.CrmId, read.LastRepliedAt, read.UpdatedAt));
        Assert.True(lead.SystemModstamp < repliedAt);
    }

    [Fact]
    public async Task An_email_logged_after_the_lead_last_changed_but_dated_before_it_is_a_new_version_at_its_logging_time()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 5, Contacts = 0 });
        var org = host.Sandbox.Org;
        var lead = org.Leads.First(l => l["IsConverted"] is false);
        var received = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromMinutes(10));
        org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "CRO" });
        var (first, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        var changedAt = Assert.Single(first, c => c.CrmId == lead.Id).UpdatedAt;

        // Logged from the rep's mailbox an hour later, keeping the date it was received.
        host.Time.Advance(TimeSpan.FromHours(1));
        var loggedAt = host.Time.GetUtcNow();
        org.AddIncomingEmail(lead.Id, org.Users[0].Id, received, loggedAt: loggedAt);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        var (polled, _, _) = await host.ReadAllAsync(cursor);

        var read = Assert.Single(polled);
        Assert.True(received < changedAt);
        Assert.Equal((received, loggedAt), (read.LastRepliedAt, read.UpdatedAt));
    }

    [Fact]
    public async Task In_a_run_of_several_pages_the_people_with_new_activities_are_found_once_from_the_runs_start()
    {
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 30, Contacts = 0 },
            new Dictionary<string, string?> { ["PageSize"] = "5" });
        var org = host.Sandbox.Org;
        var (_, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        host.Time.Advance(TimeSpan.FromMinutes(30));
        var open = org.Leads.Where(l => l["IsConverted"] is false).ToList();
        var (replying, booking) = (open[0], open[1]);
        org.AddIncomingEmail(replying.Id, org.Users[0].Id, host.Time.GetUtcNow());
        host.Time.Advance(TimeSpan.FromMinutes(20));
        org.AddEvent(booking.Id, org.Users[0].Id, host.Time.GetUtcNow().AddDays(1), host.Time.GetUtcNow());
        foreach (var lead in open.Skip(2).Take(12))
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            org.Modify(lead.Id, new Dictionary<string, object?> { ["Title"] = "Head of Sales" });
        }

        host.Sandbox.Server.ResetLogEntries();
        var (contacts, _, pages) = await host.ReadAllAsync(cursor);

        Assert.True(pages > 2);
        Assert.Equal(14, contacts.Count);
        Assert.NotNull(Assert.Single(contacts, c => c.CrmId == replying.Id).LastRepliedAt);
        Assert.NotNull(Assert.Single(contacts, c => c.CrmId == booking.Id).LastMeetingBookedAt);
        Assert.Single(Queries(host), q => q.Contains("FROM Event WHERE WhoId != null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_EngagementFromActivities_off_no_activity_is_queried()
    {
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 3, Contacts = 3 },
            new Dictionary<string, string?> { ["EngagementFromActivities"] = "false" });
        host.Sandbox.Org.AddIncomingEmail(host.Sandbox.Org.Leads[0].Id, host.Sandbox.Org.Users[0].Id, host.Time.GetUtcNow());

        var (contacts, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        await host.ReadAllAsync(cursor);

        Assert.All(contacts, c => Assert.Null(c.LastRepliedAt));
        Assert.DoesNotContain(Queries(host), q => q.Contains("EmailMessage", StringComparison.Ordinal) || q.Contains("FROM Event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_org_without_Enhanced_Email_is_asked_for_EmailMessage_once_and_its_logged_email_tasks_are_replies()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 3, Contacts = 3, EnhancedEmail = false });
        var org = host.Sandbox.Org;
        var lead = org.Leads.First(l => l["IsConverted"] is false);
        var at = host.Time.GetUtcNow().AddHours(-1);
        org.AddLoggedEmailTask(lead.Id, org.Users[0].Id, at);

        var (contacts, cursor, _) = await host.ReadAllAsync(SyncCursor.Start);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.ReadAllAsync(cursor);
        await host.Connector.ReadContactsAsync([lead.Id], CancellationToken.None);

        Assert.Equal(at, contacts.Single(c => c.CrmId == lead.Id).LastRepliedAt);
        var refused = Assert.Single(host.Requests, r => r.Status == 400);
        Assert.Contains("INVALID_TYPE", refused.ResponseBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT Id, Bogus__c FROM EmailMessage", "No such column 'Bogus__c' on entity 'EmailMessage'")]
    [InlineData("SELECT Id FROM Event WHERE WhoId__c = null", "No such column 'WhoId__c' on entity 'Event'")]
    [InlineData("SELECT Id, Incoming FROM EmailMessageRelation", "No such column 'Incoming' on entity 'EmailMessageRelation'")]
    public async Task The_sandbox_refuses_fields_the_new_objects_lack_with_400_INVALID_FIELD(string soql, string message)
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 1, Contacts = 1 });
        var api = host.Services.GetRequiredKeyedService<ISalesforceApi>(SalesforceTestHost.Connection);

        var refused = await Assert.ThrowsAsync<ApiException>(() => api.QueryAsync("v62.0", soql, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("INVALID_FIELD", refused.Content, StringComparison.Ordinal);
        Assert.Contains(message, refused.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_stamps_CreatedDate_itself_and_refuses_it_in_a_write()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 1, Contacts = 1 });
        var api = host.Services.GetRequiredKeyedService<ISalesforceApi>(SalesforceTestHost.Connection);
        var who = host.Sandbox.Org.Contacts[0].Id;
        System.Text.Json.Nodes.JsonObject Event(bool withCreatedDate)
        {
            var record = new System.Text.Json.Nodes.JsonObject
            {
                ["attributes"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Event" },
                ["WhoId"] = who,
                ["Subject"] = "Demo",
            };
            if (withCreatedDate)
            {
                record["CreatedDate"] = "2020-01-01T00:00:00.000+0000";
            }

            return record;
        }

        var results = await api.CreateAsync("v62.0", new SalesforceCollectionRequest(false, [Event(true), Event(false)]), CancellationToken.None);

        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", results[0].Errors![0].Code);
        Assert.True(results[1].Success);
        Assert.Equal(host.Time.GetUtcNow(), Assert.Single(host.Sandbox.Org.Events)["CreatedDate"]);
    }

    private static List<string> Queries(SalesforceTestHost host) =>
        [.. host.Sandbox.Server.LogEntries
            .Where(e => e.RequestMessage!.Path.EndsWith("/query", StringComparison.Ordinal))
            .Select(e => e.RequestMessage!.Query!["q"].First())];
}
