using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Triggers;

/// <summary>The preview endpoint on the real worker host over contacts stored from the sandbox CRMs.</summary>
public sealed class PreviewEndpointTests : IAsyncLifetime
{
    private SeededService service = null!;

    public async Task InitializeAsync() => service = await SeededService.StartAsync(60);

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task A_step_previews_for_a_stored_contact_with_missing_fields_flagged()
    {
        using var client = service.Client();
        string contact;
        await using (var scope = service.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
            contact = (await db.Contacts.AsNoTracking().FirstAsync(c => c.Connection == "hubspot" && !c.PropertiesJson.Contains("quiz_timeline"))).CrmId;
        }

        // The shipped quiz email says something else without quiz answers; the offer email has no fallback for its trigger's fields.
        var response = await client.GetAsync($"/api/preview?connection=hubspot&contact={contact}&cadence=hot-9-touch-14-day&step=quiz-follow-up-email");
        using var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var offerResponse = await client.GetAsync($"/api/preview?connection=hubspot&contact={contact}&cadence=new-offer-announcement&step=offer-email");
        using var offer = JsonDocument.Parse(await offerResponse.Content.ReadAsStringAsync());
        var unknown = await client.GetAsync("/api/preview?connection=hubspot&contact=nobody&cadence=hot-9-touch-14-day&step=quiz-follow-up-email");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thanks for your interest in what we do.", preview.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Empty(preview.RootElement.GetProperty("missingFields").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, offerResponse.StatusCode);
        Assert.Contains("[missing: trigger.offer_name]", offer.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("trigger.offer_name", offer.RootElement.GetProperty("missingFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_test_send_reaches_the_given_address_marked_as_a_test_and_is_not_logged_to_the_CRM()
    {
        using var client = service.Client();
        var relay = service.App.Services.GetRequiredService<CrmCadenceSync.Mocks.Smtp.SandboxSmtpServer>();
        string contact;
        await using (var scope = service.App.Services.CreateAsyncScope())
        {
            contact = (await scope.ServiceProvider.GetRequiredService<CadenceDbContext>().Contacts.AsNoTracking().FirstAsync(c => c.Connection == "hubspot")).CrmId;
        }

        var response = await client.PostAsJsonAsync("/api/test-send", new
        {
            connection = "hubspot",
            contact,
            cadence = "warm-6-touch",
            step = "value-email",
            to = "revops.admin@seller.example",
        });
        var refused = await client.PostAsJsonAsync("/api/test-send", new { connection = "hubspot", contact, cadence = "warm-6-touch", step = "value-email", to = "not an address" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(relay.Messages, m => m.To.Mailboxes.Any(b => b.Address == "revops.admin@seller.example"));
        Assert.StartsWith("[TEST] What ", sent.Subject, StringComparison.Ordinal);
        Assert.Equal("true", sent.Headers["X-CCS-Test"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await using var check = service.App.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<CadenceDbContext>().Outbox.AnyAsync(o => o.PayloadJson.Contains("revops.admin@seller.example")));
    }
}
