using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Rules;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.CrmCard;

/// <summary>
/// Legacy (kept for existing installs; new installs use the app card, <c>HubSpotApp/</c>): <c>GET /crm-card/hubspot?associatedObjectId=&amp;portalId=</c>, the data behind a HubSpot CRM card on a contact:
/// segment, cadence, status, current step, next touch (in the contact's zone) and history. HubSpot signs the request
/// with the app's client secret (v3 signature); the connection whose <c>WebhookSecret</c> verifies it answers.
/// </summary>
public static partial class CrmCardEndpoints
{
    public static IEndpointRouteBuilder MapCrmCard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/crm-card/hubspot", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        HttpRequest request,
        ConnectionRegistry connections,
        CadenceDbContext db,
        RuleSetProvider rules,
        OwnerDirectory owners,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var hubSpot = connections.All.OfType<HubSpotConnector>().ToList();
        if (hubSpot.Count == 0)
        {
            return Results.Problem("No HubSpot connection is enabled.", statusCode: StatusCodes.Status404NotFound);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var signed = new WebhookRequest(request.Method, new Uri(request.GetEncodedUrl()), headers, ReadOnlyMemory<byte>.Empty, time.GetUtcNow());
        var problems = hubSpot.Select(c => (Connector: c, Problem: c.VerifySignedRequest(signed))).ToList();
        if (problems.FirstOrDefault(p => p.Problem is null).Connector is not { } connector)
        {
            var reason = string.Join(" ", problems.Select(p => p.Problem).Distinct());
            LogRefused(loggers.CreateLogger(typeof(CrmCardEndpoints)), reason);
            return Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized);
        }

        string? contactId = request.Query["associatedObjectId"];
        if (string.IsNullOrWhiteSpace(contactId))
        {
            return Results.Problem("The query parameter associatedObjectId (the contact's HubSpot id) is missing.", statusCode: StatusCodes.Status400BadRequest);
        }

        var snapshot = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Connection == connector.Connection && c.CrmId == contactId, cancellationToken);
        if (snapshot is null)
        {
            return Results.Ok(new CrmCardResponse([]));
        }

        var contact = snapshot.ToContact();
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == connector.Connection && e.ContactCrmId == contactId)
            .OrderByDescending(e => e.EnrolledAt)
            .Take(CrmCardBuilder.MaxResults)
            .ToListAsync(cancellationToken);
        var ids = enrollments.Select(e => e.Id).ToList();
        var runs = (await db.StepRuns.AsNoTracking().Where(r => ids.Contains(r.EnrollmentId)).ToListAsync(cancellationToken)).ToLookup(r => r.EnrollmentId);
        var owner = await owners.FindAsync(connector.Connection, contact.OwnerId, cancellationToken);
        return Results.Ok(CrmCardBuilder.Build(contact, owner, rules.Current.Rules, enrollments, runs));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot CRM card request refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
