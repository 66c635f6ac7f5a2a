using CrmCadenceSync.Worker.Connections.Schema;
using CrmCadenceSync.Worker.Processing;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>The default verb: run the worker, or with <c>--once</c> one full cycle with its summary.</summary>
internal static class RunWorker
{
    public const int Succeeded = 0;
    public const int Failed = 1;

    public static async Task<int> ServeAsync(string[] hostArgs, TextWriter output, Action<IHostApplicationBuilder>? extend, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = WorkerHost.BuildService(hostArgs, extend: extend);
            await app.RunAsync(cancellationToken);
            return Succeeded;
        }
        catch (Exception e) when (IsStartupFailure(e))
        {
            WriteStartupFailure(e, output);
            return Failed;
        }
    }

    public static async Task<int> OnceAsync(string[] hostArgs, TextWriter output, Action<IHostApplicationBuilder>? extend, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = WorkerHost.BuildOnce(hostArgs, extend: extend);
            await host.StartAsync(cancellationToken);
            SchemaWarningLines.Write(host.Services, output);
        }
        catch (Exception e) when (IsStartupFailure(e))
        {
            WriteStartupFailure(e, output);
            return Failed;
        }

        using (host)
        {
            try
            {
                await host.Services.GetRequiredService<CycleRunner>().RunAsync(output, cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CycleSummary>().WriteAsync(output, cancellationToken);
                return Succeeded;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.WriteLine($"The cycle failed: {e.GetType().Name}: {e.Message}");
                return Failed;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    private static bool IsStartupFailure(Exception e) => e is OptionsValidationException or InvalidOperationException;

    private static void WriteStartupFailure(Exception e, TextWriter output)
    {
        output.WriteLine("The worker cannot start:");
        var failures = e switch
        {
            OptionsValidationException validation => validation.Failures,
            SchemaMismatchException schema => schema.Lines,
            _ => [e.Message],
        };
        foreach (var failure in failures)
        {
            output.WriteLine($"  - {failure}");
        }
    }
}
