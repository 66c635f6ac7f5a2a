using CrmCadenceSync.Core.Crm.Schema;

namespace CrmCadenceSync.Worker.Connections.Schema;

/// <summary>
/// After setup, compares what each connection's configuration needs with what its CRM has. A missing field a cadence
/// needs stops start-up, every such field named in one line; a missing optional merge field is left out of the reads
/// with one warning. A connection that cannot be reached is reported and checked no further; the worker still starts.
/// </summary>
internal sealed partial class StartupSchemaCheck(
    ConnectionRegistry connections, SchemaCheckRunner runner, SchemaWarnings warnings, ILogger<StartupSchemaCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var required = new List<SchemaFinding>();
        foreach (var connector in connections.All)
        {
            SchemaReport report;
            try
            {
                if (runner.Find(connector.Connection) is not { } check)
                {
                    continue;
                }

                report = await check.CheckSchemaAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotChecked(connector.Connection, Resilience.Faults.Describe(e), e);
                continue;
            }

            required.AddRange(report.Required);
            foreach (var finding in report.Optional)
            {
                warnings.Add(finding.Line);
                LogOptional(finding.Line);
            }
        }

        if (required.Count > 0)
        {
            throw new SchemaMismatchException([.. required.Select(f => f.Line)]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Finding}")]
    private partial void LogOptional(string finding);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fields of connection {Connection} could not be checked ({Reason}); its reads use every configured field")]
    private partial void LogNotChecked(string connection, string reason, Exception exception);
}
