using System.Text.Json;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Salesforce.Tests.Support;

namespace CrmCadenceSync.Salesforce.Tests.Writing;

public sealed class WriteTests
{
    [Fact]
    public async Task No_collection_call_carries_more_than_200_records()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 30, Contacts = 30 });
        var activities = Activities.For(host.Sandbox.Org, 450);

        var results = await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        var sizes = host.Requests.Where(e => e.Path.EndsWith("/composite/sobjects/Task/CCS_Sync_Key__c", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e.Body!).RootElement.GetProperty("records").GetArrayLength())
            .ToList();
        Assert.Equal([200, 200, 50], sizes);
        Assert.Equal(450, host.Sandbox.Org.Tasks.Count);
        Assert.Equal(activities.Select(a => a.IdempotencyKey), results.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task A_retried_upsert_batch_leaves_one_task_per_touch()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 20, Contacts = 20 });
        var activities = Activities.For(host.Sandbox.Org, 230);

        var first = await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);
        var retry = await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);

        Assert.Equal(230, host.Sandbox.Org.Tasks.Count);
        Assert.All(retry, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(first.Select(r => r.CrmId), retry.Select(r => r.CrmId));
        Assert.All(host.Sandbox.Org.Tasks.GroupBy(t => t["CCS_Sync_Key__c"]), g => Assert.Single(g));

        // TaskSubtype is create-only: the retry's updates are refused for it once and resent without it.
        var upserts = host.Requests.Where(e => e.Path.EndsWith("/composite/sobjects/Task/CCS_Sync_Key__c", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, upserts.Count);
        Assert.Contains("INVALID_FIELD_FOR_INSERT_UPDATE", upserts[2].ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain("TaskSubtype", upserts[3].Body, StringComparison.Ordinal);
        Assert.All(host.Sandbox.Org.Tasks, t => Assert.Equal("Call", t["TaskSubtype"]));
    }

    [Fact]
    public async Task The_task_carries_who_owner_subject_due_date_status_priority_and_subtype()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var activity = Activities.For(host.Sandbox.Org, 1)[0];
        var logged = activity with { IdempotencyKey = "enr-x:step-2:gen-0", Kind = CrmActivityKind.LoggedEmail, Channel = Core.Rules.StepChannel.Email };

        var results = await host.Connector.WriteActivitiesAsync([activity, logged], CancellationToken.None);

        var task = host.Sandbox.Org.Find(results[0].CrmId!)!;
        Assert.Equal(activity.ContactCrmId, task["WhoId"]);
        Assert.Equal(activity.OwnerId, task["OwnerId"]);
        Assert.Equal(activity.Subject, task["Subject"]);
        Assert.Equal(activity.Body, task["Description"]);
        Assert.Equal(new DateOnly(2026, 1, 6), task["ActivityDate"]);
        Assert.Equal("Not Started", task["Status"]);
        Assert.Equal("High", task["Priority"]);
        Assert.Equal("Call", task["TaskSubtype"]);
        var email = host.Sandbox.Org.Find(results[1].CrmId!)!;
        Assert.Equal("Completed", email["Status"]);
        Assert.Equal("Email", email["TaskSubtype"]);
    }

    [Fact]
    public async Task A_per_record_validation_error_fails_that_record_only()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 10, Contacts = 10 });
        var activities = Activities.For(host.Sandbox.Org, 5);
        activities[2] = activities[2] with { Subject = new string('x', 300) };

        var results = await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);

        var error = results[2].Error;
        Assert.NotNull(error);
        Assert.True(error.IsPermanent);
        Assert.Equal("STRING_TOO_LONG", error.Code);
        Assert.Contains("max length=255", error.Message, StringComparison.Ordinal);
        Assert.Contains("Subject", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, results.Count(r => r.Succeeded));
        Assert.Equal(4, host.Sandbox.Org.Tasks.Count);
        Assert.Single(host.Requests, e => e.Path.Contains("/composite/sobjects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sync_key_matching_several_tasks_is_a_permanent_error_for_that_record()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 10, Contacts = 10 });
        var activities = Activities.For(host.Sandbox.Org, 3);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            host.Sandbox.Org.Add(SalesforceOrgState.Task, new Dictionary<string, object?> { ["CCS_Sync_Key__c"] = activities[1].IdempotencyKey, ["Subject"] = "dup" });
        }

        var results = await host.Connector.WriteActivitiesAsync(activities, CancellationToken.None);

        Assert.True(results[0].Succeeded);
        Assert.Equal("DUPLICATE_EXTERNAL_ID", results[1].Error?.Code);
        Assert.True(results[1].Error?.IsPermanent);
        Assert.True(results[2].Succeeded);
    }

    [Fact]
    public async Task Contact_status_fields_are_written_on_leads_and_contacts()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var org = host.Sandbox.Org;
        var lead = org.Leads.First(l => !(bool)l["IsConverted"]!);
        var next = new DateTimeOffset(2026, 1, 7, 14, 30, 0, TimeSpan.Zero);

        var results = await host.Connector.WriteContactStatusAsync(
        [
            new ContactStatus("status-1", lead.Id, ContactRecordType.Lead, "Hot", "hot-9-touch-14-day", "Active", next, "3 of 9: Call (discovery-call-1)"),
            new ContactStatus("status-2", org.Contacts[0].Id, ContactRecordType.Contact, null, null, "Exited", null),
            new ContactStatus("status-3", "003SB9999999999EAA", ContactRecordType.Contact, "Warm", "warm-6-touch", "Active", null),
        ], CancellationToken.None);

        Assert.True(results[0].Succeeded && results[1].Succeeded);
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", results[2].Error?.Code);
        Assert.Equal("Hot", lead["CCS_Segment__c"]);
        Assert.Equal("hot-9-touch-14-day", lead["CCS_Cadence__c"]);
        Assert.Equal(next, lead["CCS_Next_Touch__c"]);
        Assert.Equal("3 of 9: Call (discovery-call-1)", lead["CCS_Cadence_Step__c"]);
        Assert.Null(org.Contacts[0]["CCS_Cadence_Step__c"]);
        Assert.Equal("Exited", org.Contacts[0]["CCS_Cadence_Status__c"]);
    }

    [Fact]
    public async Task A_status_longer_than_its_field_is_cut_to_fit_and_marked_instead_of_refused()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var org = host.Sandbox.Org;
        var longReason = "Held: Missing fields: " + string.Join(", ", Enumerable.Range(1, 40).Select(i => $"Quiz_Answer_{i}__c"));

        var status = await host.Connector.WriteContactStatusAsync(
            [new ContactStatus("status-long", org.Contacts[0].Id, ContactRecordType.Contact, "Hot", "hot", longReason, null, new string('x', 130))],
            CancellationToken.None);

        Assert.True(status[0].Succeeded, status[0].Error?.Message);
        var stored = (string)org.Contacts[0]["CCS_Cadence_Status__c"]!;
        Assert.Equal((255, longReason[..254] + "…"), (stored.Length, stored));
        Assert.Equal(120, ((string)org.Contacts[0]["CCS_Cadence_Step__c"]!).Length);
    }

    [Fact]
    public async Task An_email_opt_out_sets_HasOptedOutOfEmail_on_leads_and_contacts_and_a_repeat_changes_nothing()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        var org = host.Sandbox.Org;
        var lead = org.Leads.First(l => !(bool)l["IsConverted"]!);
        var contact = org.Contacts[0];
        EmailOptOut[] optOuts =
        [
            new("optout:salesforce:lead", lead.Id, ContactRecordType.Lead, "lead@acme.example"),
            new("optout:salesforce:contact", contact.Id, ContactRecordType.Contact, "contact@acme.example"),
            new("optout:salesforce:gone", "003SB9999999999EAA", ContactRecordType.Contact, "gone@acme.example"),
        ];

        var first = await host.Connector.WriteEmailOptOutsAsync(optOuts, CancellationToken.None);
        var again = await host.Connector.WriteEmailOptOutsAsync(optOuts[..2], CancellationToken.None);

        Assert.True(first[0].Succeeded && first[1].Succeeded && again.All(r => r.Succeeded));
        Assert.Equal(["optout:salesforce:lead", "optout:salesforce:contact", "optout:salesforce:gone"], first.Select(r => r.IdempotencyKey));
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", first[2].Error?.Code);
        Assert.Equal(true, lead["HasOptedOutOfEmail"]);
        Assert.Equal(true, contact["HasOptedOutOfEmail"]);
    }
}
