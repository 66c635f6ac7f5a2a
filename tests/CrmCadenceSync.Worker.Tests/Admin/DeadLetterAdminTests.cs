using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>A write the sandbox refuses becomes a dead letter; retried after the cause is fixed, it is created exactly once.</summary>
public sealed class DeadLetterAdminTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(40);

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>From the sandbox's request log: task batch creates whose answer lists a record created with this sync key.</summary>
    private int CreatesCarrying(string key) =>
        host.HubSpot.Server.LogEntries.Count(e =>
            e.RequestMessage?.Path.EndsWith("/tasks/batch/create", StringComparison.Ordinal) == true
            && Created(e.ResponseMessage?.BodyData?.BodyAsString).Contains(key));

    private static IEnumerable<string?> Created(string? response) =>
        response is not null && JsonNode.Parse(response)?["results"] is JsonArray results
            ? results.Select(r => r?["properties"]?["ccs_sync_key"]?.GetValue<string>())
            : [];

    [Fact]
    public async Task A_dead_letter_retried_after_the_cause_is_fixed_is_written_once()
    {
        using var client = host.Client();
        var row = await host.QueryAsync(db => db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == "hubspot" && e.State == "Active" && e.CadenceId == "hot-9-touch-14-day" && e.NextDueAt != null)
            .OrderBy(e => e.NextDueAt)
            .FirstAsync());
        var contactId = long.Parse(row.ContactCrmId, CultureInfo.InvariantCulture);

        // The cause: the contact the task is for is archived in HubSpot, so the task's association is refused.
        host.HubSpot.Portal.ArchiveContact(contactId);
        host.Clock.SetUtcNow(row.NextDueAt!.Value.AddMinutes(5));
        await host.RunCycleAsync();
        var letters = (await client.GetFromJsonAsync<JsonArray>("/api/dead-letters"))!;
        var letter = letters.Single(l => l!["writeType"]!.GetValue<string>() == WriteType.Task && l["contact"]!.GetValue<string>() == row.ContactCrmId)!;
        var key = letter["idempotencyKey"]!.GetValue<string>();
        var createdBeforeRetry = CreatesCarrying(key);

        host.HubSpot.Portal.RestoreContact(contactId);
        var retried = await client.PostAsync($"/api/dead-letters/{letter["id"]}/retry", null);
        await host.RunCycleAsync();
        await host.RunCycleAsync();
        var stored = host.HubSpot.Portal.Records("tasks").Where(t => t["ccs_sync_key"] == key).ToList();
        var outbox = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.IdempotencyKey == key));
        var resolved = await host.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.IdempotencyKey == key));
        var open = (await client.GetFromJsonAsync<JsonArray>("/api/dead-letters"))!;

        Assert.Contains("does not exist", letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, createdBeforeRetry);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, CreatesCarrying(key));
        Assert.Single(stored);
        Assert.Equal((OutboxState.Sent, stored[0].Id.ToString(CultureInfo.InvariantCulture)), (outbox.State, outbox.CrmId));
        Assert.Equal("Retried by loopback", resolved.Resolution);
        Assert.DoesNotContain(open, l => l!["idempotencyKey"]!.GetValue<string>() == key);
        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync());
        Assert.Equal(("loopback", "dead-letter.retry"), (audit.Actor, audit.Action));
    }

    [Fact]
    public async Task A_discarded_dead_letter_is_never_sent_and_cannot_be_retried_afterwards()
    {
        using var client = host.Client();
        var key = "discard-me:step:0";
        var id = await host.QueryAsync(async db =>
        {
            db.Outbox.Add(new OutboxEntity
            {
                Connection = "hubspot", IdempotencyKey = key, WriteType = WriteType.Task, PayloadJson = "{}", ContactCrmId = "1",
                State = OutboxState.DeadLettered, CreatedAt = AdminHost.Start, AvailableAt = AdminHost.Start,
            });
            var letter = new DeadLetterEntity
            {
                Connection = "hubspot", IdempotencyKey = key, WriteType = WriteType.Task, PayloadJson = "{}", Code = "VALIDATION_ERROR",
                Reason = "Property values were not valid", FailedAt = AdminHost.Start,
            };
            db.DeadLetters.Add(letter);
            await db.SaveChangesAsync();
            return letter.Id;
        });

        var discarded = await client.PostAsync($"/api/dead-letters/{id}/discard", null);
        var retried = await client.PostAsync($"/api/dead-letters/{id}/retry", null);
        await host.RunCycleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (discarded.StatusCode, retried.StatusCode));
        Assert.Equal(OutboxState.DeadLettered, (await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.IdempotencyKey == key))).State);
        Assert.Equal("Discarded by loopback", (await host.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.Id == id))).Resolution);
        Assert.Equal(0, CreatesCarrying(key));
    }

    [Fact]
    public async Task An_email_whose_delivery_is_unknown_marked_delivered_is_logged_in_the_CRM_once_and_never_sent_again()
    {
        using var client = host.Client();

        // Nurture contacts get their first automated email a day after enrolling: queue it, without draining.
        host.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<DueStepRunner>();
            while (await runner.RunBatchAsync(500, CancellationToken.None) > 0)
            {
            }
        }

        var email = await host.QueryAsync(db => db.Outbox.AsNoTracking()
            .OrderBy(o => o.Id)
            .FirstAsync(o => o.Connection == "hubspot" && o.WriteType == WriteType.Email && o.State == OutboxState.Pending));

        // The worker died between committing the attempt and hearing the relay's answer.
        var attemptedAt = host.Clock.GetUtcNow().AddMinutes(-3);
        await host.QueryAsync(db => db.Outbox.Where(o => o.Id == email.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.AttemptedAt, attemptedAt)));
        await host.RunCycleAsync();
        var letter = await host.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.IdempotencyKey == email.IdempotencyKey));
        Assert.Equal(EmailWrites.DeliveryUnknown, letter.Code);

        using var marked = await client.PostAsync(new Uri($"/api/dead-letters/{letter.Id}/delivered", UriKind.Relative), null);
        using var again = await client.PostAsync(new Uri($"/api/dead-letters/{letter.Id}/delivered", UriKind.Relative), null);
        await host.RunCycleAsync();

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var row = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == email.Id));
        Assert.Equal(OutboxState.Sent, row.State);
        var log = await host.QueryAsync(db => db.Outbox.AsNoTracking()
            .SingleAsync(o => o.EnrollmentId == email.EnrollmentId && o.WriteType == WriteType.LoggedEmail));
        Assert.Equal(OutboxState.Sent, log.State);
        Assert.Single(host.HubSpot.Portal.Records("emails"), e => e["ccs_sync_key"] == log.IdempotencyKey);
        Assert.DoesNotContain(host.App.Services.GetRequiredService<SandboxSmtpServer>().Messages, m => m.MessageId == EmailSend.MessageIdFor(email.IdempotencyKey));
        var resolved = await host.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.Id == letter.Id));
        Assert.StartsWith("Marked delivered by", resolved.Resolution, StringComparison.Ordinal);
    }
}
