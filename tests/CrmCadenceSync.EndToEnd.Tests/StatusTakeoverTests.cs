using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>
/// A status write left claimed by a dead instance is taken over once its lease runs out; by then a newer status for
/// the same contact may have reached the CRM, and the old one must not overwrite it.
/// </summary>
public sealed class StatusTakeoverTests
{
    private const string StatusProperty = "ccs_cadence_status";

    [Fact]
    public async Task A_dead_instances_old_status_taken_over_after_a_newer_one_was_sent_is_superseded_not_sent()
    {
        await using var worker = await RunningWorker.StartAsync();
        var contact = HubSpotContacts.Add(worker.HubSpot, 85, "Olga");
        using (var created = await worker.PostHubSpotWebhookAsync(worker.HubSpot.Webhooks.Event("contact.creation", contact)))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        await worker.WaitForAsync(() => Task.FromResult(Shown(worker, contact)), s => s == "Active", "the enrolled contact's status in HubSpot");

        // An instance claimed a status write for the contact and was killed before sending it.
        var now = worker.Time.GetUtcNow();
        var sent = await worker.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.ContactCrmId == contact.ToString(CultureInfo.InvariantCulture) && o.WriteType == "ContactStatus").OrderBy(o => o.Id).LastAsync());
        var payload = JsonNode.Parse(sent.PayloadJson)!.AsObject();
        var orphanKey = $"{sent.IdempotencyKey}:orphan";
        payload["IdempotencyKey"] = orphanKey;
        var orphan = new OutboxEntity
        {
            Connection = "hubspot",
            IdempotencyKey = orphanKey,
            WriteType = "ContactStatus",
            PayloadJson = payload.ToJsonString(),
            EnrollmentId = sent.EnrollmentId,
            ContactCrmId = sent.ContactCrmId,
            State = "Pending",
            CreatedAt = now,
            AvailableAt = now,
            ClaimedBy = "killed-instance",
            LeaseUntil = now.AddMinutes(1),
        };
        await worker.QueryAsync(async db =>
        {
            db.Outbox.Add(orphan);
            return await db.SaveChangesAsync();
        });

        // Then the contact opts out: the exit's newer status goes out while the old one is still claimed.
        await worker.AdvanceAsync(TimeSpan.FromSeconds(10));
        HubSpotContacts.Change(worker.HubSpot, contact, "hs_email_optout", "true");
        using (var optOut = await worker.PostHubSpotWebhookAsync(worker.HubSpot.Webhooks.Event("contact.propertyChange", contact, "hs_email_optout", "true")))
        {
            Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        }

        var exited = await worker.WaitForAsync(() => Task.FromResult(Shown(worker, contact)), s => s?.StartsWith("Exited", StringComparison.Ordinal) == true, "the exit's status in HubSpot");

        // The claim runs out and another instance (here, this one) takes the old write over.
        await worker.AdvanceAsync(TimeSpan.FromMinutes(2));
        await worker.RunJobAsync(new JobKey("hubspot", DrainOutboxJob.Group));

        Assert.Equal(exited, Shown(worker, contact));
        var takenOver = await worker.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.IdempotencyKey == orphanKey));
        Assert.Equal("Superseded", takenOver.State);
        Assert.Null(takenOver.ClaimedBy);
        Assert.DoesNotContain(worker.HubSpot.Server.LogEntries, e => e.RequestMessage?.Body?.Contains(orphanKey, StringComparison.Ordinal) == true);
    }

    private static string? Shown(RunningWorker worker, long contact) =>
        worker.HubSpot.Portal.Records("contacts").Single(c => c.Id == contact)[StatusProperty];
}
