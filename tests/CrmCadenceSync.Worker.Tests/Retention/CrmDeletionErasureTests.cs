using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Retention;
using CrmCadenceSync.Worker.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Retention;

/// <summary>
/// A contact deleted in the CRM, the way each CRM deletes and tells: afterwards no table holds its name, email, city
/// or phone (every table and text column read from sqlite_master, so tables added later are read too), nothing queued
/// for it goes out, and its enrollment and outcomes stay for the metrics.
/// </summary>
public sealed class CrmDeletionErasureTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(
        40, "--Connections:hubspot:FieldMapping:ExtraProperties:3=city", "--Connections:hubspot:FieldMapping:ExtraProperties:4=phone");

    public async Task DisposeAsync() => await host.DisposeAsync();

    private string Database => Path.Combine(host.Folder, "ccs.db");

    private SandboxSmtpServer Relay => host.App.Services.GetRequiredService<SandboxSmtpServer>();

    private SalesforceSandbox Salesforce => host.App.Services.GetRequiredKeyedService<SalesforceSandbox>("salesforce");

    /// <summary>Cells anywhere in the store that still hold one of <paramref name="words"/>.</summary>
    private async Task<List<string>> HoldingAsync(params string[] words) =>
        [.. (await StoreScan.CellsAsync(Database))
            .Where(cell => words.Any(w => cell.Value.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(cell => $"{cell.Table}.{cell.Column}")
            .Distinct()];

    /// <summary>
    /// <paramref name="days"/> days later, one cycle, then another (the first queues what fell due, the second sends what
    /// waited for business hours). Few cycles: the sandbox's search limit counts on the fake clock, which stands still within one.
    /// </summary>
    private async Task RunDaysAsync(int days)
    {
        host.Clock.Advance(TimeSpan.FromDays(days));
        await host.RunCycleAsync();
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.RunCycleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_contact_deleted_in_HubSpot_leaves_no_personal_data_in_any_table_and_nothing_more_is_sent(bool privacy)
    {
        string[] personal = ["Zebediah", "Quintavalle", "zebediah.quintavalle@erasure.example", "Erasureville", "+1 555 0199 777"];
        var portal = host.HubSpot.Portal;
        var id = portal.AddContacts(1)[0];
        var crmId = id.ToString(CultureInfo.InvariantCulture);
        portal.TouchContact(id, host.Clock.GetUtcNow(), new Dictionary<string, string?>
        {
            ["firstname"] = "Zebediah", ["lastname"] = "Quintavalle", ["email"] = "zebediah.quintavalle@erasure.example",
            ["city"] = "Erasureville", ["phone"] = "+1 555 0199 777", ["company"] = "Quintavalle Freight",
            ["hubspotscore"] = "90", ["lifecyclestage"] = "lead", ["hs_timezone"] = "america_slash_new_york",
            ["quiz_primary_challenge"] = "pipeline visibility", ["quiz_team_size"] = "11-50", ["quiz_timeline"] = "this quarter",
            ["hubspot_owner_id"] = portal.Owners[0].Id.ToString(CultureInfo.InvariantCulture),
        });
        await host.RunCycleAsync();

        // The hot cadence's first step is due at once: the email drafted for the rep (rendered with the contact's name) goes
        // out as a task, with the enrollment note and status. The deletion comes before the clock moves on: HubSpot signs
        // the webhook with the sandbox's own clock, which the worker checks against its (fake) one.
        var mailed = Relay.Messages.Count(m => m.To.ToString().Contains("zebediah.quintavalle@erasure.example", StringComparison.Ordinal));
        var writes = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Connection == "hubspot" && o.ContactCrmId == crmId).ToListAsync());

        // One of its writes refused by the CRM, with the address in the reason as CRM errors have it; a step queued, not sent yet.
        var refused = writes.First(w => w.State == OutboxState.Sent);
        await host.QueryAsync(async db =>
        {
            db.DeadLetters.Add(new DeadLetterEntity
            {
                Connection = "hubspot", IdempotencyKey = refused.IdempotencyKey, WriteType = refused.WriteType, PayloadJson = refused.PayloadJson,
                Code = "VALIDATION_ERROR", Reason = "Property values were not valid: zebediah.quintavalle@erasure.example", FailedAt = host.Clock.GetUtcNow(),
            });
            var enrollment = await db.Enrollments.SingleAsync(e => e.Connection == "hubspot" && e.ContactCrmId == crmId);
            db.Outbox.Add(OutboxPayload.For("hubspot", OutboxPayload.Activity(writes.First(w => w.WriteType == WriteType.Note)) with { IdempotencyKey = "queued-note" }, enrollment.Id, host.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        var heldBefore = await HoldingAsync(personal);
        var requestsBefore = host.HubSpot.Server.LogEntries.Count;
        var answers = await host.HubSpot.DeleteContactAsync(id, new Uri(host.Address, "/webhooks/hubspot"), privacy, CancellationToken.None);
        await host.RunCycleAsync();
        await RunDaysAsync(5);

        var heldAfter = await HoldingAsync(personal);
        var sentAfter = host.HubSpot.Server.LogEntries.Skip(requestsBefore)
            .Where(e => e.RequestMessage?.Method != "GET" && e.RequestMessage?.Body?.Contains(crmId, StringComparison.Ordinal) == true && !e.RequestMessage.Path.Contains("/search", StringComparison.Ordinal))
            .Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage.Path}")
            .ToList();
        var enrollmentAfter = await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "hubspot" && e.ContactCrmId == crmId));
        var queued = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.IdempotencyKey == "queued-note"));
        var letter = await host.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.IdempotencyKey == refused.IdempotencyKey));
        var otherLetters = await host.QueryAsync(db => db.DeadLetters.AsNoTracking().Where(d => d.Id != letter.Id).Select(d => d.Code + ": " + d.Reason).ToListAsync());
        var snapshot = await host.QueryAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Connection == "hubspot" && c.CrmId == crmId));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer));
        Assert.Contains(writes, w => w.State == OutboxState.Sent && w.PayloadJson.Contains("Zebediah", StringComparison.Ordinal));
        Assert.Contains("Outbox.PayloadJson", heldBefore);
        Assert.Contains("Contacts.Email", heldBefore);
        Assert.Contains("DeadLetters.Reason", heldBefore);
        Assert.Empty(heldAfter);
        Assert.Empty(sentAfter);
        Assert.Equal(mailed, Relay.Messages.Count(m => m.To.ToString().Contains("zebediah.quintavalle@erasure.example", StringComparison.Ordinal)));
        Assert.Equal(("Exited", "Deleted"), (enrollmentAfter.State, enrollmentAfter.ExitReason));
        Assert.Equal((OutboxState.Withdrawn, ContactErasure.WithdrawnReason), (queued.State, queued.LastError));
        Assert.NotNull(letter.ResolvedAt);
        Assert.Empty(otherLetters);
        Assert.True(snapshot.IsDeleted);
    }

    [Fact]
    public async Task A_lead_deleted_in_Salesforce_is_erased_once_the_poll_reads_the_deletion()
    {
        string[] personal = ["Philippa", "Oyelaran-Brandt", "philippa.ob@erasure.example", "Oyelaran Logistics"];
        var org = Salesforce.Org;
        var lead = org.Add(SalesforceOrgState.Lead, new Dictionary<string, object?>
        {
            ["FirstName"] = "Philippa", ["LastName"] = "Oyelaran-Brandt", ["Email"] = "philippa.ob@erasure.example", ["Title"] = "COO",
            ["OwnerId"] = org.Users[0].Id, ["LeadSource"] = "Web", ["HasOptedOutOfEmail"] = false, ["DoNotCall"] = false,
            ["Lead_Score__c"] = 30m, ["Company"] = "Oyelaran Logistics", ["Country"] = "US", ["Status"] = "Open - Not Contacted", ["IsConverted"] = false,
            ["Quiz_Primary_Challenge__c"] = "pipeline visibility", ["Quiz_Team_Size__c"] = "11-50", ["Quiz_Timeline__c"] = "this quarter",
        });
        await host.RunCycleAsync();
        await RunDaysAsync(3);
        var heldBefore = await HoldingAsync(personal);

        org.Delete(lead.Id, host.Clock.GetUtcNow());
        await RunDaysAsync(1);

        var enrollment = await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Connection == "salesforce" && e.ContactCrmId == lead.Id));
        var writes = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.ContactCrmId == lead.Id).Select(o => o.WriteType + " " + o.State).ToListAsync());
        Assert.Contains("Contacts.Email", heldBefore);
        Assert.Contains("InboxEvents.ContactJson", heldBefore);
        Assert.DoesNotContain(writes, w => w.EndsWith(OutboxState.Pending, StringComparison.Ordinal));
        Assert.Empty(await HoldingAsync(personal));
        Assert.Equal(("Exited", "Deleted"), (enrollment.State, enrollment.ExitReason));
    }

    [Fact]
    public async Task The_retention_report_counts_what_is_held_and_what_the_next_sweep_removes()
    {
        await host.QueryAsync(db => db.Outbox.Where(o => o.State != OutboxState.Pending).Take(3)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, AdminHost.Start.AddDays(-400))));
        using var client = host.Client();

        var report = (await client.GetFromJsonAsync<JsonObject>("/api/retention"))!;
        var outbox = report["held"]!.AsArray().Single(t => t!["table"]!.GetValue<string>() == "Outbox")!;

        Assert.Equal(365, report["days"]!.GetValue<int>());
        Assert.Equal(await host.QueryAsync(db => db.Outbox.CountAsync()), outbox["rows"]!.GetValue<int>());
        Assert.Equal(AdminHost.Start.AddDays(-400), outbox["oldest"]!.GetValue<DateTimeOffset>());
        Assert.Equal(3, report["nextSweep"]!["outboxPayloads"]!.GetValue<int>());
        Assert.Equal(
            ["AdminAudit", "Contacts", "DeadLetters", "EngagementOutcomes", "Enrollments", "InboxEvents", "Outbox", "StepRuns", "TriggerEvents"],
            report["held"]!.AsArray().Select(t => t!["table"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
