using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Triggers;

/// <summary>The trigger endpoint on the real worker host, real SQLite file and the sandbox CRMs over loopback.</summary>
public sealed class TriggerEndpointTests : IAsyncLifetime
{
    private const string Secret = "test-trigger-secret";
    private SeededService service = null!;

    public async Task InitializeAsync() => service = await SeededService.StartAsync(120, $"--TriggerSecrets:cpq-new-bundle={Secret}");

    public async Task DisposeAsync() => await service.DisposeAsync();

    private static HttpRequestMessage Call(string body, string secret, DateTimeOffset at)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = at.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/triggers/cpq-new-bundle") { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(TriggerSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(TriggerSignature.SignatureHeader, TriggerSignature.Sign(secret, timestamp, bytes));
        return request;
    }

    private async Task<List<(string Contact, string Cadence, string Segment, string? Fields)>> TriggeredAsync()
    {
        await using var scope = service.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        var rows = await db.Enrollments.AsNoTracking().Where(e => e.TriggerFieldsJson != null).ToListAsync();
        return [.. rows.Select(e => (e.ContactCrmId, e.CadenceId, e.Segment, e.TriggerFieldsJson))];
    }

    private async Task<HashSet<string>> ExpectedContactsAsync()
    {
        await using var scope = service.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        var stages = new[] { "customer", "opportunity" };
        return [.. await db.Contacts.AsNoTracking()
            .Where(c => c.LifecycleStage != null && stages.Contains(c.LifecycleStage) && !c.EmailOptOut && !c.EmailBounced && !c.IsDeleted)
            .Select(c => c.CrmId)
            .ToListAsync()];
    }

    private const string Body = """{ "eventId": "bundle-2026-11", "fields": { "offer_name": "Growth bundle", "discount": "15%", "expires_on": "December 31" } }""";

    [Fact]
    public async Task A_signed_trigger_enrolls_exactly_the_matching_contacts_once()
    {
        using var client = service.Client();
        var expected = await ExpectedContactsAsync();

        var response = await client.SendAsync(Call(Body, Secret, DateTimeOffset.UtcNow));
        var result = await response.Content.ReadFromJsonAsync<TriggerResult>();
        var again = await (await client.SendAsync(Call(Body, Secret, DateTimeOffset.UtcNow))).Content.ReadFromJsonAsync<TriggerResult>();
        var triggered = await TriggeredAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), triggered.Select(t => t.Contact).Order());
        Assert.All(triggered, t => Assert.Equal(("new-offer-announcement", "Trigger: cpq-new-bundle"), (t.Cadence, t.Segment)));
        Assert.All(triggered, t => Assert.Contains("\"offer_name\":\"Growth bundle\"", t.Fields, StringComparison.Ordinal));
        Assert.Equal((expected.Count, false), (result!.Enrolled, result.Duplicate));
        Assert.Equal((expected.Count, true), (again!.Enrolled, again.Duplicate));
    }

    [Fact]
    public async Task A_badly_signed_stale_or_incomplete_trigger_enrolls_nobody()
    {
        using var client = service.Client();
        var wrongSecret = await client.SendAsync(Call(Body, "not-the-secret", DateTimeOffset.UtcNow));
        var stale = await client.SendAsync(Call(Body, Secret, DateTimeOffset.UtcNow.AddMinutes(-10)));
        var tampered = Call(Body, Secret, DateTimeOffset.UtcNow);
        tampered.Content = new StringContent(Body.Replace("15%", "90%", StringComparison.Ordinal));
        var tamperedResponse = await client.SendAsync(tampered);
        var incomplete = await client.SendAsync(Call("""{ "eventId": "e2", "fields": { "offer_name": "Growth bundle" } }""", Secret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tamperedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("needs the fields discount, expires_on", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await TriggeredAsync());
    }
}
