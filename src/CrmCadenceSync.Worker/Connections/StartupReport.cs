using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Rules;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Connections;

/// <summary>Says, once the rule set is active, what the worker is connected to.</summary>
internal sealed partial class StartupReport(
    IConfiguration configuration, RuleSetProvider rules, IOptions<SmtpOptions> smtp, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var sandbox = configuration.GetValue(Extensions.SandboxGuardExtensions.EnabledKey, defaultValue: false);
        var connections = ConfiguredConnection.Enabled(configuration);
        if (connections.Count == 0)
        {
            LogNoConnections();
        }

        foreach (var connection in connections)
        {
            var address = connection.Section["BaseUrl"] ?? connection.Section["InstanceUrl"] ?? connection.Section["LoginUrl"] ?? "(no address)";
            LogConnection(connection.Name, connection.Kind, address, sandbox ? "sandbox" : "real", rules.Current.Version);
        }

        if (smtp.Value.Configured)
        {
            LogRelay(smtp.Value.Host, smtp.Value.Port);
        }
        else if (rules.Current.Rules.Cadences.Values.Any(c => c.Steps.Any(s => s.Kind == StepKind.AutoEmail)))
        {
            LogNoRelay();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Name}: {Kind} at {Address} ({Mode}), rule set version {Version}")]
    private partial void LogConnection(string name, string kind, string address, string mode, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Automated emails go through the SMTP relay {Host}:{Port}")]
    private partial void LogRelay(string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP relay is configured (Smtp:Host): AutoEmail steps become ManualEmail tasks for the rep")]
    private partial void LogNoRelay();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No connection is enabled: nothing will be read or written")]
    private partial void LogNoConnections();
}
