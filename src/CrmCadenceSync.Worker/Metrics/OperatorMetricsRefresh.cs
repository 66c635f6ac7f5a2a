using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>
/// Re-reads the operators' snapshot every <see cref="MetricsOptions.RefreshInterval"/>, on the host's clock. Over a
/// large store one read takes seconds (about 2 s on SQLite at 100,000 enrollments), so the pause after a read is at
/// least nine times what it took: the figures never cost the worker more than a tenth of its time.
/// </summary>
public sealed partial class OperatorMetricsRefresh(
    IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider time, ILogger<OperatorMetricsRefresh> logger) : BackgroundService
{
    private const int PauseToReadRatio = 9;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RefreshInterval;
        var pause = interval;
        while (true)
        {
            await Task.Delay(pause, time, stoppingToken);
            var started = time.GetTimestamp();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OperatorSnapshotReader>().RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed read leaves the last figures in place; the next one tries again.
                LogRefreshFailed(e.Message);
            }

            var took = time.GetElapsedTime(started);
            pause = took * PauseToReadRatio > interval ? took * PauseToReadRatio : interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the operators' metrics failed: {Reason}")]
    private partial void LogRefreshFailed(string reason);
}
