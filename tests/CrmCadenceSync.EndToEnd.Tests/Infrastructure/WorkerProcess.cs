using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The worker's own build output run as a child process (<c>dotnet CrmCadenceSync.Worker.dll …</c>), so it can be killed
/// for real; or the demo's (<c>CrmCadenceSync.Demo.dll</c>), the worker with its in-process sandboxes.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const string ListeningLine = "Now listening on: ";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private const string Worker = "CrmCadenceSync.Worker";

    private const string Demo = "CrmCadenceSync.Demo";

    private WorkerProcess(string project, string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput(project));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The worker exited before listening.{Environment.NewLine}{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Completes with the worker's HTTP address once Kestrel has bound it.</summary>
    public Task<Uri> Listening => listening.Task;

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

    public static WorkerProcess Start(string workingDirectory, IEnumerable<string> args) => new(Worker, workingDirectory, args);

    /// <summary>The demo entry point, as the README's first command runs it.</summary>
    public static WorkerProcess StartDemo(string workingDirectory, IEnumerable<string> args) => new(Demo, workingDirectory, args);

    /// <summary>SIGKILL on Linux: no shutdown hooks, no graceful stop of running jobs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host stops gracefully, letting running jobs finish and commit.</summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        return await WaitForExitAsync(patience);
    }

    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The worker did not exit within {patience.TotalSeconds:F0} s.{Environment.NewLine}{Output}");
        }

        // The parameterless wait also drains the redirected output.
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    /// <summary>The project as built beside this test assembly's configuration: src/{project}/bin/{Configuration}/net10.0.</summary>
    private static string BuildOutput(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CrmCadenceSync.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null
            ? null
            : Path.Combine(root.FullName, "src", project, "bin", configuration, testOutput.Name, project + ".dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"The build output of {project} was not found ({dll ?? "no CrmCadenceSync.sln above " + testOutput.FullName}); build src/{project} first.");
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

        var at = line.IndexOf(ListeningLine, StringComparison.Ordinal);
        if (at >= 0)
        {
            listening.TrySetResult(new Uri(line[(at + ListeningLine.Length)..].Trim()));
        }
    }
}
