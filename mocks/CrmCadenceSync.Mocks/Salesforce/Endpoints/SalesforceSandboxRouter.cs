using System.Globalization;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.State;
using WireMock;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>
/// Answers every request as the org would: sessions checked, each REST call counted against the allowance
/// (403 REQUEST_LIMIT_EXCEEDED once spent) and <c>Sforce-Limit-Info</c> on every REST answer.
/// </summary>
internal sealed class SalesforceSandboxRouter(SalesforceOrgState org, SalesforceSandboxFaults faults, Func<Uri> instanceUrl)
{
    private const string DataPrefix = "/services/data/";

    private readonly TokenEndpoint token = new(org);
    private readonly QueryEndpoint query = new(org);
    private readonly DeletedEndpoint deleted = new(org);
    private readonly CollectionsEndpoint collections = new(org);
    private readonly DescribeEndpoint describe = new(org);

    public IResponseMessage Handle(IRequestMessage request)
    {
        if (request.Path == "/services/oauth2/token" && request.Method == "POST")
        {
            return token.Handle(request.Body, instanceUrl()).ToMessage();
        }

        if (!request.Path.StartsWith(DataPrefix, StringComparison.Ordinal))
        {
            return SandboxResponse.Error(404, "NOT_FOUND", "The requested resource does not exist").ToMessage();
        }

        if (faults.TakeFailure() is { } failure)
        {
            return SandboxResponse.Error(failure.Status, failure.Code, $"Injected fault: {failure.Code}").ToMessage();
        }

        lock (org.Gate)
        {
            var response = Rest(request);
            return response.ToMessage(("Sforce-Limit-Info", $"api-usage={org.ApiCallsUsed.ToString(CultureInfo.InvariantCulture)}/{org.DailyApiLimit.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private SandboxResponse Rest(IRequestMessage request)
    {
        var authorization = Header(request, "Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !org.IsValidSession(authorization["Bearer ".Length..]))
        {
            return SandboxResponse.Error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }

        if (!org.TrySpendApiCall())
        {
            return SandboxResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }

        var segments = request.Path[DataPrefix.Length..].TrimEnd('/').Split('/');
        var version = segments[0];
        return (request.Method, segments[1..]) switch
        {
            ("GET", ["query"]) => query.Query(version, Query(request, "q"), Header(request, "Sforce-Query-Options")),
            ("GET", ["query", var locator]) => query.More(version, locator),
            ("GET", ["sobjects", var type, "describe"]) => describe.Handle(type),
            ("GET", ["sobjects", var type, "deleted"]) => deleted.Handle(type, Query(request, "start"), Query(request, "end")),
            ("POST", ["composite", "sobjects"]) => collections.Create(request.Body),
            ("PATCH", ["composite", "sobjects"]) => collections.Update(request.Body),
            ("PATCH", ["composite", "sobjects", var type, var field]) => collections.Upsert(type, field, request.Body),
            ("PATCH", ["sobjects", var type, var field, var value]) => collections.UpsertSingle(version, type, field, Uri.UnescapeDataString(value), request.Body),
            ("GET", ["limits"]) => SandboxResponse.Json(200, new JsonObject
            {
                ["DailyApiRequests"] = new JsonObject { ["Max"] = org.DailyApiLimit, ["Remaining"] = Math.Max(0, org.DailyApiLimit - org.ApiCallsUsed) },
            }),
            _ => SandboxResponse.Error(404, "NOT_FOUND", $"The requested resource does not exist: {request.Method} {request.Path}"),
        };
    }

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string? Query(IRequestMessage request, string name) =>
        request.Query?.FirstOrDefault(q => string.Equals(q.Key, name, StringComparison.Ordinal)).Value?.FirstOrDefault();
}
