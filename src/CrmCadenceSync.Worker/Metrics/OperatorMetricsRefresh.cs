using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>Re-reads the operators' snapshot every <see cref="MetricsOptions.RefreshInterval"/>, on the host's clock.</summary>
public sealed partial class OperatorMetricsRefresh(
    IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider time, ILogger<OperatorMetricsRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OperatorSnapshotReader>().RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed read leaves the last figures in place; the next tick tries again.
                LogRefreshFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the operators' metrics failed: {Reason}")]
    private partial void LogRefreshFailed(string reason);
}
