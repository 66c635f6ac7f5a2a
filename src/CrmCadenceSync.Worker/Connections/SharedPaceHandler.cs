using CrmCadenceSync.Storage.Claims;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>
/// With several instances on PostgreSQL: every HubSpot call (searches aside, which have a per-second budget of their
/// own) waits for its slot of the connection's shared pace, so that together the instances stay within the
/// connection's <c>RequestsPer10Seconds</c>, which each instance's own budget only keeps for itself. Innermost in the
/// client's pipeline, so every attempt, retries included, takes a slot.
/// </summary>
public sealed class SharedPaceHandler(string connection, TimeSpan spacing, IServiceScopeFactory scopes, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri?.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) != true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var wait = await scope.ServiceProvider.GetRequiredService<SharedRequestPace>().ReserveAsync(connection, spacing, cancellationToken);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
