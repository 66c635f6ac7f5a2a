using System.CommandLine;
using CrmCadenceSync.Worker.Commands.Doctor;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Connections.Schema;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>
/// <c>doctor</c>: a checklist per connection (reachable, authenticated, scopes, fields, webhook or Outbound Message
/// settings, time zones) and the SMTP relay. Exit 0 only when every check passes. Reads only.
/// </summary>
internal static class DoctorCommand
{
    public const int Healthy = 0;
    public const int Unhealthy = 1;

    /// <param name="extend">What another entry point adds to the host (the demo's sandboxes).</param>
    public static Command Create(TextWriter output, Action<IHostApplicationBuilder>? extend = null)
    {
        var doctor = new Command("doctor", "Check each CRM connection and the SMTP relay before running the worker; exit 0 when all pass.");
        doctor.TreatUnmatchedTokensAsErrors = false;
        doctor.SetAction((parse, cancellationToken) => RunAsync([.. parse.UnmatchedTokens], output, cancellationToken, extend));
        return doctor;
    }

    public static async Task<int> RunAsync(string[] hostArgs, TextWriter output, CancellationToken cancellationToken, Action<IHostApplicationBuilder>? extend = null)
    {
        // Built, not started: start-up would create properties and store rows, and the doctor only looks.
        IHost host;
        try
        {
            // The checklist is the output; the host's own information lines would interleave with it.
            host = WorkerHost.BuildOnce(["--Logging:LogLevel:Default=Warning", .. hostArgs], extend: extend);
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine($"The configuration is invalid: {e.Message}");
            return Unhealthy;
        }

        using var built = host;
        var failed = 0;
        try
        {
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            var registry = host.Services.GetRequiredService<ConnectionRegistry>();
            var schema = host.Services.GetRequiredService<SchemaCheckRunner>();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            foreach (var connection in ConfiguredConnection.Enabled(configuration))
            {
                output.WriteLine($"Connection {connection.Name} ({connection.Kind}):");
                var doctor = new ConnectionDoctor(connection, registry.Get(connection.Name), schema, http);
                failed += Write(await doctor.RunAsync(cancellationToken), output);
            }

            output.WriteLine("SMTP:");
            failed += Write([await SmtpDoctor.RunAsync(host.Services, cancellationToken)], output);
        }
        catch (OptionsValidationException e)
        {
            output.WriteLine("The configuration is invalid:");
            foreach (var failure in e.Failures)
            {
                output.WriteLine($"  - {failure}");
            }

            return Unhealthy;
        }

        output.WriteLine(failed == 0 ? "All checks passed." : $"{failed} {(failed == 1 ? "check" : "checks")} failed.");
        return failed == 0 ? Healthy : Unhealthy;
    }

    private static int Write(IReadOnlyList<DoctorCheck> checks, TextWriter output)
    {
        foreach (var check in checks)
        {
            var mark = check.Outcome switch
            {
                DoctorOutcome.Pass => "[ok]  ",
                DoctorOutcome.Warn => "[warn]",
                _ => "[FAIL]",
            };
            output.WriteLine($"  {mark} {check.Name}: {check.Summary}");
            foreach (var detail in check.Details)
            {
                output.WriteLine($"         - {detail}");
            }
        }

        return checks.Count(c => c.Outcome == DoctorOutcome.Fail);
    }
}
