using System.Text.Json;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Connections;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>
/// The app card's back end, reached with <c>hubspot.fetch()</c>: <c>GET /hubspot/app/contacts/{id}/status</c> and
/// <c>POST /hubspot/app/contacts/{id}/actions/{pause|resume|exit|skip}</c> (body <c>{"enrollmentId": …}</c>). hubspot.fetch
/// sends no custom headers, so every call is authenticated by HubSpot's v3 signature instead of an API key; the acting
/// user (the <c>userEmail</c>/<c>userId</c> HubSpot adds to the signed URL) is the actor in the audit log.
/// </summary>
internal static class CardEndpoints
{
    private const string SignedByHubSpot = "HubSpot's v3 signature (hubspot.fetch sends no custom headers, so no API key)";

    public static IEndpointRouteBuilder MapHubSpotAppCard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hubspot/app/contacts/{contactId}/status", StatusAsync).AuthenticatedBySignature(SignedByHubSpot);
        app.MapPost("/hubspot/app/contacts/{contactId}/actions/{action}", ActAsync).AuthenticatedBySignature(SignedByHubSpot);
        return app;
    }

    private static async Task<IResult> StatusAsync(
        string contactId, HttpRequest request, ConnectionRegistry connections, CardStatusReader reader, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (signed, problem) = await SignedHubSpotRequest.ReadAsync(request, connections, time, loggers.CreateLogger(typeof(CardEndpoints)), cancellationToken);
        if (signed is null)
        {
            return problem!;
        }

        return Results.Ok(await reader.ReadAsync(signed.Connector.Connection, contactId, cancellationToken));
    }

    private static async Task<IResult> ActAsync(
        string contactId,
        string action,
        HttpRequest request,
        ConnectionRegistry connections,
        CardActions actions,
        CardStatusReader reader,
        CadenceDbContext db,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (signed, problem) = await SignedHubSpotRequest.ReadAsync(request, connections, time, loggers.CreateLogger(typeof(CardEndpoints)), cancellationToken);
        if (signed is null)
        {
            return problem!;
        }

        if (!CardActions.All.Contains(action))
        {
            return Results.Problem($"'{action}' is not a card action; use {string.Join(", ", CardActions.All)}.", statusCode: StatusCodes.Status404NotFound);
        }

        Guid? wanted;
        try
        {
            wanted = ReadEnrollmentId(signed.Body);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Results.Problem($"The body must be JSON {{\"enrollmentId\": \"<guid>\"}}: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        var connection = signed.Connector.Connection;
        var query = db.Enrollments.AsNoTracking().Where(e => e.Connection == connection && e.ContactCrmId == contactId);
        var id = wanted is { } given
            ? await query.Where(e => e.Id == given).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken)
            : await query.Where(e => e.IsOpen).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return Results.Problem(
                wanted is null ? $"Contact {contactId} has no open enrollment." : $"Contact {contactId} has no enrollment {wanted}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var (_, refusal) = await actions.ApplyAsync(id.Value, action, Actor(request), cancellationToken);
        if (refusal is not null)
        {
            return Results.Problem(refusal, statusCode: StatusCodes.Status409Conflict, title: "The enrollment is not in a state for that");
        }

        return Results.Ok(await reader.ReadAsync(connection, contactId, cancellationToken));
    }

    /// <summary>Who pressed the button, as HubSpot names them in the signed URL; the card itself when it does not.</summary>
    private static string Actor(HttpRequest request)
    {
        string? email = request.Query["userEmail"];
        string? user = request.Query["userId"];
        return !string.IsNullOrWhiteSpace(email) ? $"hubspot-user:{email}"
            : !string.IsNullOrWhiteSpace(user) ? $"hubspot-user:{user}"
            : "hubspot-app-card";
    }

    private static Guid? ReadEnrollmentId(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("enrollmentId", out var id) && id.ValueKind == JsonValueKind.String
            ? Guid.Parse(id.GetString()!)
            : null;
    }
}
