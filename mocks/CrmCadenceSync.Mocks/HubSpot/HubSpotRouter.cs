using System.Text.RegularExpressions;
using WireMock;
using WireMock.Types;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>Dispatches every request: OAuth, then authentication, injected faults, rate limits, then the endpoint.</summary>
internal sealed partial class HubSpotRouter(
    HubSpotPortal portal,
    HubSpotSandboxOptions options,
    SandboxRateLimiter limiter,
    SandboxFaults faults,
    OAuthEndpoint oauth,
    SandboxWorkflows workflows,
    CancellationToken stopping)
{
    public async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var path = request.Path;
        var method = request.Method.ToUpperInvariant();
        if (OAuthPath().IsMatch(path) && method == "POST")
        {
            return oauth.Token(request);
        }

        if (TokenInfoEndpoint.Matches(path, method))
        {
            return TokenInfoEndpoint.Handle(options, oauth, request);
        }

        var authorization = SandboxRequest.Header(request, "Authorization");
        var bearer = authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true ? authorization[7..].Trim() : null;
        if (!oauth.Accepts(bearer))
        {
            return SandboxJson.Error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
        }

        if (faults.TakeFailure() is { } failure)
        {
            var error = SandboxJson.Error(failure.Status, "INTERNAL_ERROR", $"The sandbox was told to fail this call with {failure.Status}.");
            if (failure.RetryAfter is { } retryAfter)
            {
                error.Headers!["Retry-After"] = new WireMockList<string>(((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return error;
        }

        var search = path.EndsWith("/search", StringComparison.Ordinal);
        var rejected = limiter.Admit(search, out var headers);
        if (rejected is not null)
        {
            return rejected;
        }

        var response = await RouteAsync(request, path, method).ConfigureAwait(false);
        foreach (var (name, value) in headers)
        {
            response.Headers![name] = new WireMockList<string>(value);
        }

        return response;
    }

    private async Task<ResponseMessage> RouteAsync(IRequestMessage request, string path, string method)
    {
        if (ObjectsPath().Match(path) is { Success: true } objects)
        {
            var type = objects.Groups["type"].Value;
            return (method, objects.Groups["rest"].Value) switch
            {
                ("GET", "") when type == "contacts" => ObjectEndpoints.List(portal, type, request),
                ("POST", "/search") => SearchEndpoint.Handle(portal, type, request),
                ("POST", "/batch/read") => ObjectEndpoints.BatchRead(portal, type, request),
                ("POST", "/batch/update") => ObjectEndpoints.BatchUpdate(portal, type, request),
                ("POST", "/batch/create") => await CreateEndpoint.HandleAsync(portal, faults, options.TimeoutHold, type, request, stopping).ConfigureAwait(false),
                _ => NotFound(path),
            };
        }

        if (CallbacksPath().Match(path) is { Success: true } callbacks && method == "POST")
        {
            return workflows.Complete(request, callbacks.Groups["id"].Success ? Uri.UnescapeDataString(callbacks.Groups["id"].Value) : null);
        }

        if (UnsubscribeAllPath().Match(path) is { Success: true } unsubscribe)
        {
            var subscriber = Uri.UnescapeDataString(unsubscribe.Groups["subscriber"].Value);
            return method switch
            {
                "GET" => CommunicationPreferencesEndpoints.Status(portal, options, subscriber, request),
                "POST" => CommunicationPreferencesEndpoints.UnsubscribeAll(portal, options, subscriber, request),
                _ => NotFound(path),
            };
        }

        if (TaskCallAssociationsPath().IsMatch(path) && method == "POST")
        {
            return AssociationEndpoints.TaskCalls(portal, request);
        }

        if (ContactEmailAssociationsPath().IsMatch(path) && method == "POST")
        {
            return AssociationEndpoints.ContactEmails(portal, request);
        }

        if (SinglePropertyPath().Match(path) is { Success: true } single && method == "GET")
        {
            return PropertyEndpoints.Get(portal, single.Groups["type"].Value, single.Groups["name"].Value);
        }

        if (OwnersPath().IsMatch(path) && method == "GET")
        {
            return OwnerEndpoints.List(portal, request);
        }

        if (PropertiesPath().Match(path) is { Success: true } properties)
        {
            var type = properties.Groups["type"].Value;
            return (method, properties.Groups["groups"].Success) switch
            {
                ("GET", false) => PropertyEndpoints.List(portal, type),
                ("POST", false) => PropertyEndpoints.Create(portal, type, request),
                ("POST", true) => PropertyEndpoints.CreateGroup(portal, type, request),
                _ => NotFound(path),
            };
        }

        return NotFound(path);
    }

    private static ResponseMessage NotFound(string path) =>
        SandboxJson.Error(404, "OBJECT_NOT_FOUND", $"The sandbox has no endpoint {path} (date-based versions only, e.g. /crm/objects/2026-03/contacts).");

    [GeneratedRegex(@"^/oauth/\d{4}-\d{2}/token$")]
    private static partial Regex OAuthPath();

    [GeneratedRegex(@"^/crm/objects/\d{4}-\d{2}/(?<type>contacts|tasks|emails|notes|calls)(?<rest>/.*)?$")]
    private static partial Regex ObjectsPath();

    [GeneratedRegex(@"^/crm/properties/\d{4}-\d{2}/(?<type>contacts|tasks|emails|notes|calls)/(?<name>(?!groups$)[a-z0-9_]+)$")]
    private static partial Regex SinglePropertyPath();

    [GeneratedRegex(@"^/crm/associations/\d{4}-\d{2}/tasks/calls/batch/read$")]
    private static partial Regex TaskCallAssociationsPath();

    [GeneratedRegex(@"^/automation/actions/callbacks/\d{4}-\d{2}/(?:(?<id>[^/]+)/)?complete$")]
    private static partial Regex CallbacksPath();

    [GeneratedRegex(@"^/communication-preferences/\d{4}-\d{2}/statuses/(?<subscriber>[^/]+)/unsubscribe-all$")]
    private static partial Regex UnsubscribeAllPath();

    [GeneratedRegex(@"^/crm/associations/\d{4}-\d{2}/contacts/emails/batch/read$")]
    private static partial Regex ContactEmailAssociationsPath();

    [GeneratedRegex(@"^/crm/owners/\d{4}-\d{2}/?$")]
    private static partial Regex OwnersPath();

    [GeneratedRegex(@"^/crm/properties/\d{4}-\d{2}/(?<type>contacts|tasks|emails|notes|calls)(?<groups>/groups)?$")]
    private static partial Regex PropertiesPath();
}
