using System.Net;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Unsubscribe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CrmCadenceSync.Worker.Tests.Unsubscribe;

/// <summary>One-click unsubscribe end to end: the sandbox relay's .eml files, the worker's HTTP port and both sandbox CRMs.</summary>
public sealed class UnsubscribeTests : IAsyncLifetime
{
    private UnsubscribeWorld world = null!;

    public async Task InitializeAsync() => world = await UnsubscribeWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task The_emails_link_opts_the_contact_out_in_the_CRM_and_exits_the_enrollment_and_a_second_POST_changes_nothing()
    {
        var hubSpotId = world.AddHubSpotContact("Nora");
        var lead = world.AddSalesforceLead("Sven");
        await world.World.RunCycleAsync();

        foreach (var (address, contactId) in new[] { (world.HubSpotEmail(hubSpotId), hubSpotId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ((string)lead["Email"]!, lead.Id) })
        {
            var mail = Assert.Single(world.MailTo(address));
            var link = AssertCarriesUnsubscribe(mail);

            // The one-click POST a mail client sends (RFC 8058).
            var first = await world.WithServiceAsync(client => OneClickAsync(client, link));
            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Contains("You are unsubscribed", first.Body, StringComparison.Ordinal);

            var enrollment = await world.World.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.ContactCrmId == contactId));
            Assert.Equal(nameof(EnrollmentState.Exited), enrollment.State);
            Assert.Equal(nameof(ExitReason.OptedOut), enrollment.ExitReason);
        }

        // The outbox takes the opt-outs to the CRMs on the next drain.
        await world.World.RunCycleAsync();
        var hubSpotAddress = world.HubSpotEmail(hubSpotId);
        Assert.True(world.World.HubSpot.Portal.UnsubscribedFromAll.ContainsKey(hubSpotAddress));
        Assert.Equal("true", world.World.HubSpot.Portal.Find("contacts", hubSpotId)!["hs_email_optout"]);
        Assert.Equal(1, UnsubscribeAllCalls());
        Assert.Equal(true, world.World.Salesforce.Org.Find(lead.Id)!["HasOptedOutOfEmail"]);
        Assert.Equal(1, OptOutPatches());
        var optOutRows = await OptOutRowsAsync();
        Assert.Equal(2, optOutRows.Count);
        Assert.All(optOutRows, r => Assert.Equal(OutboxState.Sent, r.State));

        // A second POST (and a second mail client retrying) changes nothing: no new row, no second CRM write.
        var again = await world.WithServiceAsync(async client =>
        {
            var results = new List<(HttpStatusCode Status, string Body)>();
            foreach (var address in new[] { hubSpotAddress, (string)lead["Email"]! })
            {
                results.Add(await OneClickAsync(client, AssertCarriesUnsubscribe(Assert.Single(world.MailTo(address)))));
            }

            return results;
        });
        Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(again, r => Assert.Contains("already unsubscribed", r.Body, StringComparison.Ordinal));
        world.World.Time.Advance(TimeSpan.FromDays(31));
        await world.World.RunCycleAsync();
        Assert.Equal(2, (await OptOutRowsAsync()).Count);
        Assert.Equal(1, UnsubscribeAllCalls());
        Assert.Equal(1, OptOutPatches());

        // And no further touch: the nurture cadence's next email (due 30 days on) never went.
        Assert.Single(world.MailTo(hubSpotAddress));
        Assert.Single(world.MailTo((string)lead["Email"]!));
    }

    [Fact]
    public async Task An_unsubscribe_before_the_drain_withdraws_the_queued_email_so_it_is_never_sent()
    {
        var hubSpotId = world.AddHubSpotContact("Ada");
        await world.QueueAsync();
        var queued = await world.World.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.WriteType == WriteType.Email));
        var link = UnsubscribeLink.For(
            world.World.Services.GetRequiredService<UnsubscribeTokens>(),
            new UnsubscribeOptions { BaseUrl = UnsubscribeWorld.PublicBaseUrl, SigningKey = UnsubscribeWorld.SigningKey },
            queued.Connection,
            queued.EnrollmentId!.Value,
            OutboxPayload.Email(queued),
            world.World.Time.GetUtcNow());

        // The email waits for its mailbox's next slot (spacing), as a morning's queue does; the service's own drain leaves it.
        var slot = world.World.Time.GetUtcNow().AddMinutes(10);
        await world.World.QueryAsync(db => db.Outbox.Where(o => o.Id == queued.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.AvailableAt, slot)));

        var response = await world.WithServiceAsync(client => OneClickAsync(client, link.Url));
        world.World.Time.Advance(TimeSpan.FromMinutes(11));
        await world.World.RunCycleAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var row = await world.World.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == queued.Id));
        Assert.Equal(OutboxState.Withdrawn, row.State);
        Assert.Null(row.AttemptedAt);
        Assert.Empty(world.MailTo(world.HubSpotEmail(hubSpotId)));
        Assert.Equal(0, world.Relay.Deliveries);
        Assert.Equal(1, UnsubscribeAllCalls());
    }

    [Fact]
    public async Task The_GET_page_only_asks_and_a_bad_changed_or_expired_link_gets_a_400_page_and_changes_nothing()
    {
        world.AddHubSpotContact("Ivo");
        await world.World.RunCycleAsync();
        var link = AssertCarriesUnsubscribe(world.Relay.Messages.Single());
        var token = link.Segments[^1];
        var (payload, mac) = (token.Split('.')[0], token.Split('.')[1]);
        var tampered = $"{UnsubscribeLink.Path}/{payload}.{(mac[0] == 'A' ? 'B' : 'A')}{mac[1..]}";

        var (confirm, bad, changed, expired) = await world.WithServiceAsync(async client =>
        {
            using var page = await client.GetAsync(UnsubscribeWorld.Local(link));
            var confirm = (page.StatusCode, await page.Content.ReadAsStringAsync());
            var bad = await OneClickAsync(client, new Uri(client.BaseAddress!, $"{UnsubscribeLink.Path}/not-a-token"));
            var changed = await OneClickAsync(client, new Uri(client.BaseAddress!, tampered));
            world.World.Time.Advance(TimeSpan.FromDays(91));
            var expired = await OneClickAsync(client, link);
            return (confirm, bad, changed, expired);
        });

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains($"<form method=\"post\" action=\"{UnsubscribeLink.Path}/{token}\">", confirm.Item2, StringComparison.Ordinal);
        foreach (var refused in new[] { bad, changed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("incomplete or was changed", refused.Body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Contains("expired", expired.Body, StringComparison.Ordinal);
        Assert.Empty(await OptOutRowsAsync());
        Assert.Empty(world.World.HubSpot.Portal.UnsubscribedFromAll);
        var enrollment = await world.World.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync());
        Assert.NotEqual(nameof(EnrollmentState.Exited), enrollment.State);
    }

    /// <summary>Both List-Unsubscribe headers and the visible link in the body; returns the link.</summary>
    private static Uri AssertCarriesUnsubscribe(MimeMessage mail)
    {
        var header = mail.Headers[MailRelay.ListUnsubscribeHeader];
        Assert.NotNull(header);
        var parts = header.Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(2, parts.Length);
        Assert.StartsWith($"<{UnsubscribeWorld.PublicBaseUrl}{UnsubscribeLink.Path}/", parts[0], StringComparison.Ordinal);
        Assert.StartsWith("<mailto:", parts[1], StringComparison.Ordinal);
        Assert.Equal(MailRelay.OneClick, mail.Headers[MailRelay.ListUnsubscribePostHeader]);
        var link = new Uri(parts[0].Trim('<', '>'));
        Assert.Contains(link.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        return link;
    }

    private static async Task<(HttpStatusCode Status, string Body)> OneClickAsync(HttpClient client, Uri link)
    {
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        using var response = await client.PostAsync(UnsubscribeWorld.Local(link), body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private int UnsubscribeAllCalls() =>
        world.World.HubSpot.Server.LogEntries.Count(e => e.RequestMessage?.Method == "POST" && e.RequestMessage.Path.EndsWith("/unsubscribe-all", StringComparison.Ordinal));

    private int OptOutPatches() =>
        world.World.Salesforce.Server.LogEntries.Count(e => e.RequestMessage?.Method == "PATCH" && (e.RequestMessage.Body ?? "").Contains("HasOptedOutOfEmail", StringComparison.Ordinal));

    private Task<List<OutboxEntity>> OptOutRowsAsync() =>
        world.World.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.WriteType == WriteType.EmailOptOut).ToListAsync());
}
