using CrmCadenceSync.Storage.Claims;
using CrmCadenceSync.Storage.Options;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// Keeps a batch's claim on its CRM writes alive from the first call to the commit of their outcomes. A call paced by
/// the CRM's rate limit, retried, or slowed by a busy machine can outlast a lease; once it runs out, another instance
/// claims the rows and sends them again while this one is still sending (or has sent and not yet committed). So the
/// claim is renewed before each chunk and, while a call is in flight, every third of a lease on a database connection
/// of its own.
/// </summary>
public sealed class OutboxLeaseKeeper(IServiceScopeFactory scopes, IOptions<ClusterOptions> cluster, TimeProvider time, ILogger<OutboxLeaseKeeper> logger)
{
    /// <summary>Starts keeping <paramref name="lease"/> on <paramref name="ids"/>; dispose (or stop) it when the batch ends.</summary>
    public KeptLease Keep(string connection, WorkLease lease, IReadOnlyCollection<long> ids) =>
        new(scopes.CreateAsyncScope(), connection, lease, ids, cluster.Value.LeaseLength / 3, time, logger);
}
