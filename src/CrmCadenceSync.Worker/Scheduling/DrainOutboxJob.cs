using CrmCadenceSync.Worker.Outbox;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>
/// Sends one connection's queued writes, batch after batch, until none is ready or the host is stopping (see
/// <see cref="ProcessInboxJob"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class DrainOutboxJob(OutboxSender sender, IHostApplicationLifetime lifetime) : IJob
{
    public const string Group = "drain-outbox";
    public const string ConnectionKey = "connection";

    private const int BatchSize = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var connection = context.MergedJobDataMap.GetString(ConnectionKey)!;
        while (!lifetime.ApplicationStopping.IsCancellationRequested && await sender.SendBatchAsync(connection, BatchSize, cancellationToken) > 0)
        {
        }
    }
}
