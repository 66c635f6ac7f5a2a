using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Health;

/// <summary><c>GET /health</c>: storage reachable, and each connection's state and last successful sync.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return Results.Json(new { status = "unavailable", storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var connections = await db.Connections.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new { name = c.Name, state = c.State, reason = c.StateReason, parkedUntil = c.ParkedUntil, lastSuccessfulSyncAt = c.LastSuccessfulSyncAt })
            .ToListAsync(cancellationToken);
        var status = connections.All(c => c.state == "Ok") ? "ok" : "degraded";
        return Results.Json(new { status, storage = "ok", connections });
    }
}
