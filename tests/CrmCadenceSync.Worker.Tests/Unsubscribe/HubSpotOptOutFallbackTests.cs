using System.Net;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Unsubscribe;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Tests.Unsubscribe;

/// <summary>Where HubSpot refuses the communication preferences API, the opt-out property carries the unsubscribe; a CRM refusal is dead-lettered.</summary>
public sealed class HubSpotOptOutFallbackTests
{
    [Fact]
    public async Task Without_the_subscriptions_scope_the_opt_out_property_is_set_instead()
    {
        await using var world = await UnsubscribeWorld.StartAsync(hubSpot => hubSpot.Scopes.Remove("subscriptions-status-write"));
        var id = world.AddHubSpotContact("Lena");
        await world.World.RunCycleAsync();

        var status = await world.WithServiceAsync(client => PostLinkAsync(client, world.Relay.Messages.Single()));
        await world.World.RunCycleAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var calls = world.World.HubSpot.Server.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Method == "POST").ToList();
        var refused = Assert.Single(calls, r => r.Path.EndsWith("/unsubscribe-all", StringComparison.Ordinal));
        Assert.Contains(calls, r => r.Path.EndsWith("/contacts/batch/update", StringComparison.Ordinal) && (r.Body ?? "").Contains("\"hs_email_optout\":\"true\"", StringComparison.Ordinal));
        Assert.Empty(world.World.HubSpot.Portal.UnsubscribedFromAll);
        Assert.Equal("true", world.World.HubSpot.Portal.Find("contacts", id)!["hs_email_optout"]);
        var row = await world.World.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.WriteType == WriteType.EmailOptOut));
        Assert.Equal(OutboxState.Sent, row.State);
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task A_lead_deleted_before_the_write_dead_letters_the_opt_out_with_the_CRMs_reason()
    {
        await using var world = await UnsubscribeWorld.StartAsync();
        var lead = world.AddSalesforceLead("Olga");
        await world.World.RunCycleAsync();
        var status = await world.WithServiceAsync(client => PostLinkAsync(client, world.Relay.Messages.Single()));
        world.World.Salesforce.Org.Delete(lead.Id, world.World.Time.GetUtcNow());

        await world.World.RunCycleAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var row = await world.World.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.WriteType == WriteType.EmailOptOut));
        var letter = await world.World.QueryAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.IdempotencyKey == row.IdempotencyKey));
        Assert.Equal(OutboxState.DeadLettered, row.State);
        Assert.Equal(UnsubscribeRecorder.KeyFor("salesforce", lead.Id), letter.IdempotencyKey);
        Assert.False(string.IsNullOrWhiteSpace(letter.Reason));
    }

    private static async Task<HttpStatusCode> PostLinkAsync(HttpClient client, MimeKit.MimeMessage mail)
    {
        var link = new Uri(mail.Headers[MailRelay.ListUnsubscribeHeader]!.Split(',')[0].Trim().Trim('<', '>'));
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        using var response = await client.PostAsync(UnsubscribeWorld.Local(link), body);
        return response.StatusCode;
    }
}
