using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmCadenceSync.Worker.FlowActions;
using CrmCadenceSync.Worker.Tests.Admin;
using CrmCadenceSync.Worker.Tests.ManualEnrollment;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CrmCadenceSync.Worker.Tests.FlowActions;

/// <summary>
/// <c>GET /api/openapi.json</c>, the description a Salesforce admin imports as an External Service: it parses, keeps to
/// the subset External Services accepts, lists exactly the Flow-action routes the running worker maps, and every
/// operation answers in the shape it documents.
/// </summary>
public sealed partial class OpenApiDescriptionTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(80);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<string> DescriptionAsync()
    {
        using var client = host.Client();
        var response = await client.GetAsync(FlowActionRoutes.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_description_parses_as_OpenAPI_3_0_without_errors_or_rule_violations()
    {
        var text = await DescriptionAsync();

        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(4, document.Paths.Sum(p => p.Value.Operations?.Count ?? 0));
    }

    [Fact]
    public async Task The_description_keeps_to_what_External_Services_accepts()
    {
        var root = JsonNode.Parse(await DescriptionAsync())!.AsObject();
        var operations = Operations(root).ToList();
        var problems = new List<string>();

        Assert.StartsWith("3.0.", root["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var (path, method, operation) in operations)
        {
            var id = operation["operationId"]?.GetValue<string>();
            if (id is null || !ApexIdentifier().IsMatch(id))
            {
                problems.Add($"{method} {path}: operationId '{id}' is missing or not an Apex identifier");
            }

            if (method is not ("get" or "post" or "put" or "patch" or "delete"))
            {
                problems.Add($"{method} {path}: method External Services cannot call");
            }

            if (method == "get" && operation["requestBody"] is null)
            {
                // External Services refuses a GET without a body; the Flow actions use POST.
                problems.Add($"{method} {path}: a GET operation");
            }
        }

        Walk(root, "$", problems);
        Assert.Equal(operations.Count, operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).Distinct().Count());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Every_documented_operation_is_a_mapped_Flow_action_route_and_every_Flow_action_route_is_documented()
    {
        var root = JsonNode.Parse(await DescriptionAsync())!.AsObject();
        var documented = Operations(root)
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} {o.Operation["operationId"]!.GetValue<string>()}")
            .Order()
            .ToList();

        var mapped = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains(FlowActionRoutes.Tag) == true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {e.RoutePattern.RawText} {e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName}"))
            .Order()
            .ToList();

        Assert.Equal(documented, mapped);
    }

    [Fact]
    public async Task Each_documented_operation_answers_the_running_worker_in_its_documented_shape()
    {
        var root = JsonNode.Parse(await DescriptionAsync())!.AsObject();
        var byId = Operations(root).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>());
        var contact = (await FreeContacts.FreeAsync(host, "salesforce")).First();
        using var client = host.Client();
        var problems = new List<string>();
        var called = new List<string>();

        async Task CallAsync(string operationId, object? body, HttpStatusCode expected, params (string Name, string Value)[] parameters)
        {
            var (path, _, operation) = byId[operationId];
            var url = parameters.Aggregate(path, (p, v) => p.Replace($"{{{v.Name}}}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal));
            using var content = body is null ? null : JsonContent.Create(body);
            var response = await client.PostAsync(url, content);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            called.Add($"{operationId} {status}");
            if (response.StatusCode != expected)
            {
                problems.Add($"{operationId}: {status}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
                return;
            }

            var documented = operation["responses"]?[status]?["content"]?["application/json"]?["schema"]?.AsObject();
            if (documented is null)
            {
                problems.Add($"{operationId}: status {status} is not documented");
                return;
            }

            var json = JsonNode.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
            problems.AddRange(SchemaCheck.Problems(json, documented, root, operationId));
        }

        var where = new[] { ("connection", "salesforce"), ("contactId", contact.CrmId) };
        await CallAsync("enrollContacts", new { cadence = "warm-6-touch", contacts = new[] { contact.CrmId, "nobody@example.invalid" }, connection = "salesforce" }, HttpStatusCode.OK);
        await CallAsync("enrollContacts", new { cadence = "no-such-cadence", contacts = new[] { contact.CrmId } }, HttpStatusCode.BadRequest);
        await CallAsync("pauseCadence", null, HttpStatusCode.OK, where);
        await CallAsync("pauseCadence", null, HttpStatusCode.Conflict, where);
        await CallAsync("resumeCadence", null, HttpStatusCode.OK, where);
        await CallAsync("exitCadence", null, HttpStatusCode.OK, where);
        await CallAsync("exitCadence", null, HttpStatusCode.NotFound, where);

        Assert.Empty(problems);
        Assert.Equal(7, called.Count);
        Assert.Equal(byId.Keys.Order(), called.Select(c => c.Split(' ')[0]).Distinct().Order());
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject root) =>
        root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(m => m.Key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace")
            .Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    /// <summary>Constructs Salesforce's help lists as unsupported or ignored, and description lengths it truncates.</summary>
    private static void Walk(JsonNode? node, string at, List<string> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var here = $"{at}.{key}";
                    if (key is "not" or "oneOf" or "anyOf" or "allOf" or "discriminator" or "callbacks" or "links" or "headers" or "nullable" or "security" or "securitySchemes")
                    {
                        problems.Add($"{here}: '{key}' is outside the subset kept for External Services");
                    }

                    if (key == "in" && value?.GetValue<string>() == "cookie")
                    {
                        problems.Add($"{here}: cookie parameter");
                    }

                    if (key == "content" && value is JsonObject media && media.Any(m => m.Key != "application/json"))
                    {
                        problems.Add($"{here}: media type other than application/json");
                    }

                    if (key == "description" && value?.GetValue<string>().Length > 1333)
                    {
                        problems.Add($"{here}: longer than the 1,333 characters External Services keeps");
                    }

                    if (key == "$ref" && value?.GetValue<string>() is { } reference && !reference.StartsWith("#/components/", StringComparison.Ordinal))
                    {
                        problems.Add($"{here}: reference outside the document");
                    }

                    Walk(value, here, problems);
                }

                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var (name, property) in properties)
                    {
                        if (property?["type"] is null && property?["$ref"] is null)
                        {
                            problems.Add($"{at}.properties.{name}: no type");
                        }
                    }
                }

                break;
            case JsonArray array:
                var index = 0;
                foreach (var item in array)
                {
                    Walk(item, $"{at}[{index++}]", problems);
                }

                break;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ApexIdentifier();
}
