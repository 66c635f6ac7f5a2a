using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>The API-key guard: a missing or wrong key gets 401 and changes nothing; the right one is named in the audit.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string Key = "ops-key-0123456789-abcdefghij";
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(40, "--Admin:RequireApiKey=true", $"--Admin:ApiKeys:ops={Key}");

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_missing_or_wrong_key_gets_401_and_changes_nothing()
    {
        var enrollment = await host.QueryAsync(db => db.Enrollments.AsNoTracking().FirstAsync(e => e.State == "Active"));
        var counts = await host.RowCountsAsync();
        using var wrong = host.Client("ops-key-0123456789-abcdefghiX");
        using var none = host.Client();

        var pause = await wrong.PostAsync($"/api/enrollments/{enrollment.Id}/pause", null);
        var activate = await none.PostAsJsonAsync("/api/rules/activate", new { ruleSet = new { Segments = Array.Empty<object>() } });
        var read = await wrong.GetAsync("/api/rules");
        var page = await none.GetAsync("/");
        var metrics = await none.GetAsync("/api/metrics");
        var scrape = await none.GetAsync("/metrics");
        var problem = await pause.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            new[] { pause.StatusCode, activate.StatusCode, read.StatusCode, page.StatusCode, metrics.StatusCode, scrape.StatusCode });
        Assert.Equal("application/problem+json", pause.Content.Headers.ContentType?.MediaType);
        Assert.Equal("An API key is required", problem!["title"]!.GetValue<string>());
        Assert.Equal(("Bearer", "Basic"), (pause.Headers.WwwAuthenticate.Single().Scheme, page.Headers.WwwAuthenticate.Single().Scheme));
        Assert.Equal(counts, await host.RowCountsAsync());
        Assert.Equal("Active", (await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == enrollment.Id))).State);
    }

    [Fact]
    public async Task The_right_key_by_header_bearer_or_basic_gets_through_and_is_the_audited_actor()
    {
        var enrollment = await host.QueryAsync(db => db.Enrollments.AsNoTracking().FirstAsync(e => e.State == "Active"));
        using var header = host.Client(Key);
        using var bearer = host.Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var basic = host.Client();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{Key}")));
        using var unsigned = host.Client();

        var paused = await header.PostAsync($"/api/enrollments/{enrollment.Id}/pause", null);
        var rules = await bearer.GetAsync("/api/rules");
        var page = await basic.GetAsync("/");
        var trigger = await unsigned.PostAsync("/api/triggers/no-such-trigger", new StringContent("{}"));
        var health = await unsigned.GetAsync("/health");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (paused.StatusCode, rules.StatusCode, page.StatusCode));
        Assert.Contains("<textarea id=\"rule-editor\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, trigger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync());
        Assert.Equal(("ops", "enrollment.pause"), (audit.Actor, audit.Action));
    }

    [Fact]
    public void Listening_beyond_loopback_without_a_key_stops_start_up_naming_the_key()
    {
        using var app = WorkerHost.BuildService([
            "--Urls=http://0.0.0.0:0",
            "--Sandbox:Enabled=false",
            "--Connections:hubspot:Enabled=false",
            "--Connections:salesforce:Enabled=false",
            "--Storage:ConnectionString=Data Source=:memory:"]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<Worker.Admin.Access.AdminOptions>>().Value);

        Assert.Contains("Admin:ApiKeys: the worker listens beyond loopback (http://0.0.0.0:0)", error.Message, StringComparison.Ordinal);
    }
}
