using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CrmCadenceSync.Cluster.Bench;

/// <summary>The worker's Release build as a child process, started in a folder holding its appsettings.json.</summary>
internal sealed class ChildWorker : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChildWorker(string workerDll, string folder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(workerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"A worker exited early:{Environment.NewLine}{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Completes once Kestrel has bound its port (the schedule is running by then).</summary>
    public Task Listening => listening.Task;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Runs to its end (<c>--once</c>) and returns the exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>SIGTERM, then waits for the graceful stop.</summary>
    public async Task StopAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.Contains("Now listening on: ", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }
}
