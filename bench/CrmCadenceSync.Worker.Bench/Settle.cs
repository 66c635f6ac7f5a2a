using CrmCadenceSync.Worker.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>Waits for the worker's first cycle (poll, enroll, due steps, drain) to finish before anything is measured.</summary>
internal static class Settle
{
    public static async Task<(int Enrollments, int Sent)> AfterFirstCycleAsync(BenchWorker worker, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var quietChecks = 0;
        (int Enrollments, int Pending, int Unprocessed, int Sent) last = default;
        while (DateTime.UtcNow < deadline)
        {
            var now = await worker.QueryAsync(async db => (
                await db.Enrollments.CountAsync(),
                await db.Outbox.CountAsync(o => o.State == OutboxState.Pending),
                await db.InboxEvents.CountAsync(e => e.ProcessedAt == null),
                await db.Outbox.CountAsync(o => o.State == OutboxState.Sent)));
            quietChecks = now.Item1 > 0 && now.Item2 == 0 && now.Item3 == 0 && now == last ? quietChecks + 1 : 0;
            last = now;
            if (quietChecks >= 3)
            {
                return (now.Item1, now.Item4);
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The worker's first cycle did not settle within {limit.TotalSeconds:F0} s (last: {last}).");
    }
}
