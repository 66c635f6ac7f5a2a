namespace CrmCadenceSync.Worker.Connections;

/// <summary>
/// At start-up, lets each connector prepare its CRM (HubSpot: our custom properties). A connection that cannot be
/// reached or needs re-authorisation is reported and left waiting; the worker still starts.
/// </summary>
internal sealed partial class ConnectionSetup(ConnectionRegistry connections, IServiceScopeFactory scopes, ILogger<ConnectionSetup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StoreConnectionRowsAsync(cancellationToken);
        foreach (var connector in connections.All)
        {
            try
            {
                var created = await connector.SetupAsync(cancellationToken);
                if (created.Count > 0)
                {
                    LogCreated(connector.Connection, created);
                }
            }
            catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
            {
                await using var scope = scopes.CreateAsyncScope();
                var health = scope.ServiceProvider.GetRequiredService<ConnectionHealth>();
                await health.RecordAsync(connector.Connection, e, cancellationToken);
                await scope.ServiceProvider.GetRequiredService<Storage.CadenceDbContext>().SaveChangesAsync(cancellationToken);
                LogWaiting(connector.Connection, e.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Each connection's state row exists before any job runs: jobs that found it missing at the same time (a poll and
    /// a drain on a fresh database) both inserted it, and the loser's whole batch failed on the primary key.
    /// </summary>
    private async Task StoreConnectionRowsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var health = scope.ServiceProvider.GetRequiredService<ConnectionHealth>();
        foreach (var connector in connections.All)
        {
            await health.GetAsync(connector.Connection, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<Storage.CadenceDbContext>().SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: created {Created}")]
    private partial void LogCreated(string connection, IReadOnlyList<string> created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection} could not be prepared and waits: {Reason}")]
    private partial void LogWaiting(string connection, string reason);
}
