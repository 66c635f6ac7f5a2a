using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmCadenceSync.HubSpot.Webhooks;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.HubSpotApp;

/// <summary>
/// The custom workflow actions on the real service, executed by the HubSpot sandbox's workflow engine (signed v3), and
/// their callbacks completed through the sandbox's callbacks API, which records every completion it accepts.
/// </summary>
public sealed class WorkflowActionTests
{
    private const string Hot = "hot-9-touch-14-day";

    [Fact]
    public async Task Enroll_blocks_and_completes_its_callback_once_with_the_exit_reason_when_the_contact_replies_across_a_worker_restart()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var contact = world.AddHubSpotContact(85, "Ada");
        var app = await world.StartServiceAsync();
        string callbackId;
        try
        {
            callbackId = world.HubSpot.Workflows.NewCallbackId();
            using var response = await ExecuteAsync(world, app, "enroll", contact, new() { ["cadence"] = Hot }, callbackId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("BLOCK", await StateAsync(response));

            // HubSpot retries the same execution (it saw no answer in time): same answer, no second enrollment.
            using var retry = await ExecuteAsync(world, app, "enroll", contact, new() { ["cadence"] = Hot }, callbackId);
            Assert.Equal("BLOCK", await StateAsync(retry));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await world.RestartAsync();
        await world.RunCycleAsync();
        Assert.Empty(world.HubSpot.Workflows.Completions);
        var id = contact.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await world.QueryAsync(db => db.Enrollments.CountAsync(e => e.ContactCrmId == id)));

        world.Time.Advance(TimeSpan.FromHours(2));
        world.ChangeHubSpotContact(contact, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        await world.RunCycleAsync();
        await world.RestartAsync();
        world.Time.Advance(TimeSpan.FromDays(1));
        await world.RunCycleAsync();

        var completion = Assert.Single(world.HubSpot.Workflows.Completions);
        Assert.Equal(callbackId, completion.CallbackId);
        Assert.Equal(
            new Dictionary<string, string> { ["exit_reason"] = "Replied", ["replied"] = "true", ["meeting_booked"] = "false", ["touches_written"] = "1" },
            completion.OutputFields);
        var stored = await world.QueryAsync(db => db.WorkflowCallbacks.AsNoTracking().SingleAsync(c => c.CallbackId == callbackId));
        Assert.Equal(("Completed", 1), (stored.State, stored.Attempts));
    }

    [Fact]
    public async Task A_failed_completion_is_retried_later_and_a_refused_one_becomes_a_dead_letter_with_its_reason()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false", "--Connections:hubspot:MaxRetryAttempts=0");
        var failing = world.AddHubSpotContact(85, "Fay");
        var unknown = world.AddHubSpotContact(85, "Uma");
        var app = await world.StartServiceAsync();
        var callbackId = world.HubSpot.Workflows.NewCallbackId();
        try
        {
            using var first = await ExecuteAsync(world, app, "enroll", failing, new() { ["cadence"] = Hot }, callbackId);
            Assert.Equal("BLOCK", await StateAsync(first));
            // An execution id HubSpot never issued: its completion is refused for good.
            using var second = await ExecuteAsync(world, app, "enroll", unknown, new() { ["cadence"] = Hot }, "ap-62515-1-1-0");
            Assert.Equal("BLOCK", await StateAsync(second));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromHours(2));
        world.ChangeHubSpotContact(failing, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        world.ChangeHubSpotContact(unknown, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        // The callbacks API is down for the first completion call (retries inside the call are off in this world).
        world.HubSpot.Workflows.FailNextCompletions(1, 503);
        await world.RunCycleAsync();
        Assert.Empty(world.HubSpot.Workflows.Completions);
        var pending = await world.QueryAsync(db => db.WorkflowCallbacks.AsNoTracking().SingleAsync(c => c.CallbackId == callbackId));
        Assert.Equal(("Pending", 1), (pending.State, pending.Attempts));
        Assert.Equal("INTERNAL_ERROR: The sandbox was told to fail this completion with 503.", pending.LastError);

        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.RunCycleAsync();

        Assert.Equal(callbackId, Assert.Single(world.HubSpot.Workflows.Completions).CallbackId);
        var letter = await world.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.WriteType == "WorkflowCallback"));
        Assert.Equal("hubspot-callback:ap-62515-1-1-0", letter.IdempotencyKey);
        Assert.Equal("VALIDATION_ERROR", letter.Code);
        Assert.Contains("No blocked action execution has callback id ap-62515-1-1-0", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("DeadLetter", (await world.QueryAsync(db => db.WorkflowCallbacks.AsNoTracking().SingleAsync(c => c.CallbackId == "ap-62515-1-1-0"))).State);
    }

    [Fact]
    public async Task A_callback_out_of_attempts_is_a_dead_letter_and_an_admin_retry_completes_it_once()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false", "--HubSpotApp:MaxCompletionAttempts=1", "--Connections:hubspot:MaxRetryAttempts=0");
        var contact = world.AddHubSpotContact(85, "Dee");
        var callbackId = world.HubSpot.Workflows.NewCallbackId();
        var app = await world.StartServiceAsync();
        try
        {
            using var blocked = await ExecuteAsync(world, app, "enroll", contact, new() { ["cadence"] = Hot }, callbackId);
            Assert.Equal("BLOCK", await StateAsync(blocked));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await world.RunCycleAsync();
        world.Time.Advance(TimeSpan.FromHours(2));
        world.ChangeHubSpotContact(contact, "hs_sales_email_last_replied", HubSpotPortal.Iso(world.Time.GetUtcNow()));
        world.HubSpot.Workflows.FailNextCompletions(1, 502);
        await world.RunCycleAsync();

        var letter = await world.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync());
        Assert.Equal(("WorkflowCallback", "INTERNAL_ERROR"), (letter.WriteType, letter.Code));
        Assert.Contains($"Completing workflow callback {callbackId} for contact {contact} failed 1 times", letter.Reason, StringComparison.Ordinal);
        Assert.Empty(world.HubSpot.Workflows.Completions);

        app = await world.StartServiceAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var retried = await client.PostAsync(new Uri($"/api/dead-letters/{letter.Id}/retry", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await world.RunCycleAsync();
        await world.RunCycleAsync();

        Assert.Equal(callbackId, Assert.Single(world.HubSpot.Workflows.Completions).CallbackId);
        Assert.Equal("Completed", (await world.QueryAsync(db => db.WorkflowCallbacks.AsNoTracking().SingleAsync())).State);
    }

    [Fact]
    public async Task Pause_and_exit_act_on_the_open_enrollment_once_per_callback_and_are_audited()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var contact = world.AddHubSpotContact(85, "Pia");
        await world.RunCycleAsync();
        var app = await world.StartServiceAsync();
        try
        {
            var pause = world.HubSpot.Workflows.NewCallbackId();
            using var paused = await ExecuteAsync(world, app, "pause", contact, [], pause);
            Assert.Equal("SUCCESS", await StateAsync(paused));
            using var again = await ExecuteAsync(world, app, "pause", contact, [], pause);
            Assert.Equal("paused", (await OutputsAsync(again))["result"]);
            using var exited = await ExecuteAsync(world, app, "exit", contact, [], world.HubSpot.Workflows.NewCallbackId());
            Assert.Equal("exited", (await OutputsAsync(exited))["result"]);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var audit = await world.QueryAsync(db => db.AdminAudit.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToListAsync());
        Assert.Equal(["enrollment.pause", "enrollment.exit"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("hubspot-workflow:192814114", a.Actor));
    }

    [Fact]
    public async Task A_request_with_a_bad_or_stale_signature_gets_401_and_changes_nothing()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var contact = world.AddHubSpotContact(85, "Sid");
        var app = await world.StartServiceAsync();
        try
        {
            var url = new Uri(new Uri(app.Urls.Single()), "/hubspot/app/workflow-actions/enroll");
            var body = world.HubSpot.Workflows.ActionBody(world.HubSpot.Workflows.NewCallbackId(), contact, new Dictionary<string, string?> { ["cadence"] = Hot });
            using var bad = await SendSignedAsync(url, body, "not-the-app-secret", world.Time.GetUtcNow());
            using var stale = await SendSignedAsync(url, body, world.HubSpot.Options.WebhookSecret, world.Time.GetUtcNow().AddMinutes(-6));
            using var good = await SendSignedAsync(url, body, world.HubSpot.Options.WebhookSecret, world.Time.GetUtcNow().AddMinutes(-4));

            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Contains("does not match", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
            Assert.Contains("at most 5 minutes", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Assert.Equal(1, await world.QueryAsync(db => db.WorkflowCallbacks.CountAsync()));
    }

    internal static async Task<HttpResponseMessage> SendSignedAsync(Uri url, byte[] body, string secret, DateTimeOffset signedAt, HttpMethod? method = null)
    {
        var timestamp = signedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        method ??= HttpMethod.Post;
        using var request = new HttpRequestMessage(method, url);
        if (method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        request.Headers.Add(HubSpotSignatureV3.SignatureHeader, HubSpotSignatureV3.Compute(secret, method.Method, url.AbsoluteUri, body, timestamp));
        request.Headers.Add(HubSpotSignatureV3.TimestampHeader, timestamp);
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> ExecuteAsync(SandboxWorld world, WebApplication app, string action, long contact, Dictionary<string, string?> inputs, string callbackId) =>
        world.HubSpot.Workflows.ExecuteAsync(new Uri(new Uri(app.Urls.Single()), $"/hubspot/app/workflow-actions/{action}"), contact, inputs, callbackId);

    private static async Task<Dictionary<string, string>> OutputsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("outputFields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static async Task<string> StateAsync(HttpResponseMessage response) => (await OutputsAsync(response))["hs_execution_state"];
}
