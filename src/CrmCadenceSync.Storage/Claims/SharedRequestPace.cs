using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Storage.Claims;

/// <summary>
/// One connection's CRM calls spaced evenly across every instance sharing the PostgreSQL store: each call takes the
/// next free slot from the connection's row (one atomic update, on the database's clock, so instances' clocks do not
/// matter) and starts no earlier than that slot. Calls <c>spacing</c> apart never put more than 10 s / spacing calls in
/// any 10-second window, however many instances make them.
/// </summary>
public sealed class SharedRequestPace(CadenceDbContext db)
{
    /// <returns>How long to wait before the call may start; zero when its slot is now (or the connection has no row yet).</returns>
    public async Task<TimeSpan> ReserveAsync(string connection, TimeSpan spacing, CancellationToken cancellationToken)
    {
        var waits = await db.Database.SqlQueryRaw<decimal>(
            """
            UPDATE "Connections" SET "NextRequestAt" = GREATEST(COALESCE("NextRequestAt", clock_timestamp()), clock_timestamp()) + {1}
            WHERE "Name" = {0}
            RETURNING EXTRACT(EPOCH FROM ("NextRequestAt" - {1} - clock_timestamp())) AS "Value"
            """,
            connection, spacing).ToListAsync(cancellationToken);
        return waits is [var seconds] && seconds > 0 ? TimeSpan.FromSeconds((double)seconds) : TimeSpan.Zero;
    }
}
