using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Webhooks;
using Microsoft.AspNetCore.Http.Extensions;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>A request from the HubSpot app (card fetch or workflow action) whose v3 signature one HubSpot connection verified.</summary>
internal sealed record SignedHubSpotRequest(HubSpotConnector Connector, byte[] Body)
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The verified request, or the problem to answer (401 for a bad, missing or stale signature).</summary>
    public static async Task<(SignedHubSpotRequest? Request, IResult? Problem)> ReadAsync(
        HttpRequest request, ConnectionRegistry connections, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var hubSpot = connections.All.OfType<HubSpotConnector>().ToList();
        if (hubSpot.Count == 0)
        {
            return (null, Results.Problem("No HubSpot connection is enabled.", statusCode: StatusCodes.Status404NotFound));
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var signed = new WebhookRequest(request.Method, new Uri(request.GetEncodedUrl()), headers, body, time.GetUtcNow());
        var problems = hubSpot.Select(c => (Connector: c, Problem: c.VerifySignedRequest(signed))).ToList();
        if (problems.FirstOrDefault(p => p.Problem is null).Connector is { } connector)
        {
            return (new SignedHubSpotRequest(connector, body), null);
        }

        var reason = string.Join(" ", problems.Select(p => p.Problem).Distinct());
        HubSpotAppLog.Refused(logger, request.Path, reason);
        return (null, Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized));
    }
}
