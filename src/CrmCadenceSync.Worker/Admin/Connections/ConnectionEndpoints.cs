using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Budget;
using CrmCadenceSync.Salesforce.Auth;
using CrmCadenceSync.Salesforce.Budget;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Admin.Connections;

/// <summary>
/// <c>GET /api/connections</c>: per connection the state (the connector's live view when it is not ok, else the stored
/// one that <c>/health</c> shows), the daily budget used and left, the last successful sync and how long ago it was.
/// </summary>
internal static class ConnectionEndpoints
{
    public static IEndpointRouteBuilder MapConnectionAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/connections", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        ConnectionRegistry connections, IServiceProvider services, CadenceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var pending = await db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Pending)
            .GroupBy(o => o.Connection).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var dead = await db.DeadLetters.AsNoTracking().Where(d => d.ResolvedAt == null)
            .GroupBy(d => d.Connection).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var views = connections.All.OrderBy(c => c.Connection, StringComparer.Ordinal).Select(connector =>
        {
            var name = connector.Connection;
            var row = stored.GetValueOrDefault(name);
            var (kind, live, budget) = Live(services, name);
            var state = live is { State: not ConnectionState.Ok } ? live.Value.State : Parse(row?.State);
            var reason = live is { State: not ConnectionState.Ok } ? live.Value.Reason : row?.StateReason;
            var parkedUntil = live is { State: ConnectionState.Parked } ? live.Value.ParkedUntil : row?.ParkedUntil;
            return new ConnectionView(
                name, kind, state.ToString(), Label(state), reason, parkedUntil, budget,
                row?.LastSuccessfulSyncAt, row?.LastSuccessfulSyncAt is { } synced ? Math.Round((now - synced).TotalSeconds) : null,
                pending.GetValueOrDefault(name), dead.GetValueOrDefault(name))
            {
                StateSince = state == ConnectionState.Ok ? null : row?.StateSince,
                LastError = row?.LastError,
                LastErrorAt = row?.LastErrorAt,
            };
        }).ToList();
        return Results.Ok(views);
    }

    private static (string Kind, (ConnectionState State, string? Reason, DateTimeOffset? ParkedUntil)? Live, RateBudgetView Budget) Live(IServiceProvider services, string name)
    {
        if (services.GetKeyedService<HubSpotRateBudget>(name) is { } hubSpot)
        {
            var (used, left) = hubSpot.Today;
            var burst = string.Create(CultureInfo.InvariantCulture, $"{hubSpot.Requests.Permits} calls per {hubSpot.Requests.Window.TotalSeconds:0} s");
            return ("HubSpot", (hubSpot.Monitor.State, hubSpot.Monitor.Reason, hubSpot.Monitor.ParkedUntil), new RateBudgetView("day", used, left, left is { } l ? used + l : null, burst));
        }

        if (services.GetKeyedService<SalesforceApiBudget>(name) is { } salesforce)
        {
            var health = services.GetKeyedService<SalesforceConnectionHealth>(name);
            var limit = salesforce.SpendableLimit;
            var left = limit is { } spendable && salesforce.Used is { } used ? Math.Max(0, spendable - used) : (int?)null;
            return ("Salesforce", health is null ? null : (health.State, health.Reason, health.ParkedUntil), new RateBudgetView("rolling 24 h", salesforce.Used, left, limit, null));
        }

        return ("Unknown", null, new RateBudgetView("day", null, null, null, null));
    }

    private static ConnectionState Parse(string? state) =>
        Enum.TryParse<ConnectionState>(state, out var parsed) ? parsed : ConnectionState.Ok;

    private static string Label(ConnectionState state) => state switch
    {
        ConnectionState.Parked => "parked",
        ConnectionState.Degraded => "degraded: calls failing",
        ConnectionState.Unavailable => "unavailable",
        ConnectionState.NeedsReauthorisation => "needs re-authorisation",
        _ => "ok",
    };
}
