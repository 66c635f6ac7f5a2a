using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.ChangeFeed;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Health;

/// <summary>
/// <c>GET /health</c>: storage reachable, and each connection's state (since when, the last error) and last successful
/// sync; emails whose delivery is unknown. Answers 503 when storage is unreachable or a connection has been unavailable
/// for longer than <see cref="ResilienceOptions.UnavailableAfter"/>, so a load balancer or a monitor sees it.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        CadenceDbContext db, IOptions<ResilienceOptions> resilience, ChangeFeedStatus changeFeeds, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return Results.Json(new { status = "unavailable", storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var now = time.GetUtcNow();
        var rows = await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var connections = rows.Select(c => new
        {
            name = c.Name,
            state = c.State,
            reason = c.StateReason,
            since = c.StateSince,
            lastError = c.LastError,
            lastErrorAt = c.LastErrorAt,
            parkedUntil = c.ParkedUntil,
            lastSuccessfulSyncAt = c.LastSuccessfulSyncAt,
        }).ToList();
        var deliveryUnknown = await db.DeadLetters.AsNoTracking()
            .CountAsync(d => d.ResolvedAt == null && d.Code == EmailWrites.DeliveryUnknown, cancellationToken);
        var down = rows.Any(c => ConnectionHealth.IsUnavailableFor(c, now, resilience.Value.UnavailableAfter));
        var status = down ? "unavailable" : connections.All(c => c.state == "Ok") && changeFeeds.Healthy ? "ok" : "degraded";
        var streams = changeFeeds.Streams.Select(s => new
        {
            connection = s.Connection,
            topic = s.Topic,
            state = s.State.ToString(),
            since = s.Since,
            lastError = s.LastError,
            lastErrorAt = s.LastErrorAt,
            lastEventsAt = s.LastEventsAt,
            eventsCommitted = s.EventsCommitted,
        });
        return Results.Json(
            new { status, storage = "ok", connections, changeDataCapture = streams, emailsDeliveryUnknown = deliveryUnknown },
            statusCode: down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
