using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Tests.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Access;

/// <summary>
/// Key roles over every route the running worker maps (read from its endpoint data source, so routes added later are
/// covered), and the browser guards: a foreign Origin or Host changes nothing.
/// </summary>
public sealed partial class RoleTests : IAsyncLifetime
{
    private const string ViewerKey = "viewer-key-0123456789-abcdef";
    private const string OperatorKey = "operator-key-0123456789-abcd";
    private const string AdminKey = "admin-key-0123456789-abcdefg";

    /// <summary>An existing install's key, configured before roles: it stays an admin.</summary>
    private const string LegacyKey = "legacy-key-0123456789-abcdef";

    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(
        40,
        "--Admin:RequireApiKey=true",
        $"--Admin:ApiKeys:watcher={ViewerKey}",
        "--Admin:Roles:watcher=viewer",
        $"--Admin:ApiKeys:ops={OperatorKey}",
        "--Admin:Roles:ops=Operator",
        $"--Admin:ApiKeys:boss={AdminKey}",
        "--Admin:Roles:boss=admin",
        $"--Admin:ApiKeys:legacy={LegacyKey}");

    public async Task DisposeAsync() => await host.DisposeAsync();

    private string Database => Path.Combine(host.Folder, "ccs.db");

    /// <summary>Every state-changing route the worker serves, with a concrete path for it.</summary>
    private async Task<List<(string Method, string Path, ApiRole Needed)>> StateChangingRoutesAsync()
    {
        var enrollment = await host.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.State == "Active").Select(e => e.Id).FirstAsync());
        return [.. Endpoints()
            .Where(e => e.Metadata.GetMetadata<SignatureAuthenticatedMetadata>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Where(m => !EndpointRoles.IsRead(m))
                .Select(m => (m, Concrete(e.RoutePattern, enrollment), EndpointRoles.Required(e, m))))];
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null);

    /// <summary>The pattern with each parameter filled by a value its constraints accept.</summary>
    private static string Concrete(RoutePattern pattern, Guid enrollment) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => ValueFor(parameter, enrollment),
            _ => "",
        }))));

    private static string ValueFor(RoutePatternParameterPart parameter, Guid enrollment)
    {
        foreach (var policy in parameter.ParameterPolicies)
        {
            switch (policy.Content)
            {
                case "guid":
                    return enrollment.ToString();
                case "long" or "int":
                    return "1";
                case { } content when FirstAlternative().Match(content) is { Success: true } match:
                    return match.Groups[1].Value;
            }
        }

        return "any";
    }

    [GeneratedRegex(@"^regex\(\^?\(?([A-Za-z0-9_-]+)")]
    private static partial Regex FirstAlternative();

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string key, Action<HttpRequestMessage>? adjust = null)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new JsonObject()) };
        request.Headers.Add(ApiKeyMiddleware.HeaderName, key);
        adjust?.Invoke(request);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_viewer_key_gets_403_on_every_state_changing_route_and_changes_nothing()
    {
        var routes = await StateChangingRoutesAsync();
        var before = await StoreScan.DumpAsync(Database);

        var answers = new List<string>();
        foreach (var (method, path, _) in routes)
        {
            using var response = await SendAsync(method, path, ViewerKey);
            answers.Add($"{method} {path} -> {(int)response.StatusCode}");
        }

        // The routes known today, so a reader sees what was covered; any route added later is covered by the loop.
        Assert.Contains(routes, r => r.Path.EndsWith("/pause", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Path == "/api/rules/activate");
        Assert.Contains(routes, r => r.Path == "/api/test-send");
        Assert.Contains(routes, r => r.Path == "/api/dead-letters/1/retry");
        Assert.All(answers, answer => Assert.EndsWith("-> 403", answer, StringComparison.Ordinal));
        Assert.Equal(before, await StoreScan.DumpAsync(Database));
    }

    [Fact]
    public void The_routes_without_a_key_are_exactly_the_signed_ones_and_each_says_why()
    {
        var signed = Endpoints()
            .Select(e => (Route: e.RoutePattern.RawText, Why: e.Metadata.GetMetadata<SignatureAuthenticatedMetadata>()?.Reason))
            .Where(e => e.Why is not null)
            .ToList();

        Assert.Contains(signed, e => e.Route == "/webhooks/{connection}");
        Assert.Contains(signed, e => e.Route == "/api/triggers/{name}");
        Assert.All(signed, e => Assert.False(string.IsNullOrWhiteSpace(e.Why), $"{e.Route} gives no reason for taking no key"));
    }

    [Fact]
    public async Task An_operator_key_gets_403_on_admin_routes_and_may_pause_with_its_name_in_the_audit()
    {
        var routes = await StateChangingRoutesAsync();
        var adminOnly = routes.Where(r => r.Needed == ApiRole.Admin).ToList();
        var before = await StoreScan.DumpAsync(Database);

        var answers = new List<string>();
        foreach (var (method, path, _) in adminOnly)
        {
            using var response = await SendAsync(method, path, OperatorKey);
            answers.Add($"{method} {path} -> {(int)response.StatusCode}");
        }

        Assert.Contains(adminOnly, r => r.Path == "/api/rules/activate");
        Assert.All(answers, answer => Assert.EndsWith("-> 403", answer, StringComparison.Ordinal));
        Assert.Equal(before, await StoreScan.DumpAsync(Database));

        var pause = routes.Single(r => r.Path.StartsWith("/api/enrollments/", StringComparison.Ordinal) && r.Path.EndsWith("/pause", StringComparison.Ordinal));
        using var paused = await SendAsync(pause.Method, pause.Path, OperatorKey);
        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync());
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(("ops", "enrollment.pause"), (audit.Actor, audit.Action));
    }

    [Fact]
    public async Task A_viewer_reads_and_a_key_without_a_role_stays_an_admin()
    {
        using var viewer = host.Client(ViewerKey);
        var reads = new[] { "/api/rules", "/api/enrollments", "/api/dead-letters", "/api/connections", "/api/metrics", "/" };
        var statuses = new List<HttpStatusCode>();
        foreach (var path in reads)
        {
            using var response = await viewer.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        var definition = (await viewer.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!;
        using var activated = await SendAsync("POST", "/api/rules/activate", LegacyKey, request =>
            request.Content = JsonContent.Create(new JsonObject { ["ruleSet"] = definition.DeepClone(), ["author"] = "Lee" }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.Created, activated.StatusCode);
        Assert.Equal("legacy", (await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync())).Actor);
    }

    [Fact]
    public async Task A_foreign_Origin_gets_403_and_a_foreign_Host_400_and_neither_changes_anything()
    {
        var pause = (await StateChangingRoutesAsync()).Single(r => r.Path.StartsWith("/api/enrollments/", StringComparison.Ordinal) && r.Path.EndsWith("/pause", StringComparison.Ordinal));
        var before = await StoreScan.DumpAsync(Database);

        using var foreignOrigin = await SendAsync("POST", pause.Path, AdminKey, r => r.Headers.Add("Origin", "https://evil.example"));
        using var otherPort = await SendAsync("POST", pause.Path, AdminKey, r => r.Headers.Add("Origin", $"http://127.0.0.1:{host.Address.Port + 1}"));
        using var nullOrigin = await SendAsync("POST", pause.Path, AdminKey, r => r.Headers.Add("Origin", "null"));
        using var crossSite = await SendAsync("POST", pause.Path, AdminKey, r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        using var foreignHost = await SendAsync("POST", pause.Path, AdminKey, r => r.Headers.Host = "evil.example");
        using var rebound = await SendAsync("GET", "/api/rules", AdminKey, r => r.Headers.Host = $"attacker.example:{host.Address.Port}");
        var problem = await foreignOrigin.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            new[] { foreignOrigin.StatusCode, otherPort.StatusCode, nullOrigin.StatusCode, crossSite.StatusCode, foreignHost.StatusCode, rebound.StatusCode });
        Assert.Equal("Cross-site request refused", problem!["title"]!.GetValue<string>());
        Assert.Equal(before, await StoreScan.DumpAsync(Database));

        // The worker's own page: same Origin, key in the header.
        using var own = await SendAsync("POST", pause.Path, AdminKey, r => r.Headers.Add("Origin", $"http://127.0.0.1:{host.Address.Port}"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Basic_credentials_which_a_browser_resends_by_itself_open_the_page_but_change_nothing()
    {
        var pause = (await StateChangingRoutesAsync()).Single(r => r.Path.StartsWith("/api/enrollments/", StringComparison.Ordinal) && r.Path.EndsWith("/pause", StringComparison.Ordinal));
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{AdminKey}")));
        var before = await StoreScan.DumpAsync(Database);
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = basic;

        using var page = await client.GetAsync("/");
        using var change = await client.PostAsync(pause.Path, null);
        var problem = await change.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (page.StatusCode, change.StatusCode));
        Assert.Contains("not Basic credentials", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StoreScan.DumpAsync(Database));
    }

    [Fact]
    public void An_unknown_role_or_a_role_for_no_key_stops_start_up_naming_the_key()
    {
        using var app = WorkerHost.BuildService([
            "--Urls=http://127.0.0.1:0",
            "--Sandbox:Enabled=false",
            "--Connections:hubspot:Enabled=false",
            "--Connections:salesforce:Enabled=false",
            "--Storage:ConnectionString=Data Source=:memory:",
            $"--Admin:ApiKeys:ops={OperatorKey}",
            "--Admin:Roles:ops=superuser",
            "--Admin:Roles:ghost=viewer"]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<AdminOptions>>().Value);

        Assert.Contains("Admin:Roles:ops is 'superuser'; use viewer, operator or admin.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Admin:Roles:ghost names no key", error.Message, StringComparison.Ordinal);
    }
}
