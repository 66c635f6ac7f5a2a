using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// Peak memory of a <c>--once</c> cycle: the demo's binary (the worker plus its sandboxes) as a child process under <c>/usr/bin/time -v</c> (the
/// kernel's max RSS). With <c>inProcess</c> off, the two sandboxes run in this process (seeded with the same contacts,
/// on the same sandbox clock) and the child attaches to them (<c>Sandbox:InProcess=false</c>), so the figure is the
/// worker alone, as against a real CRM; on, the child starts its sandboxes itself, as the README command does.
/// </summary>
internal static partial class MemoryBench
{
    public static async Task<MemoryResult> RunAsync(string repositoryRoot, int contacts, bool inProcess)
    {
        var workerDll = Path.Combine(repositoryRoot, "src", "CrmCadenceSync.Demo", "bin", "Release", "net10.0", "CrmCadenceSync.Demo.dll");
        if (!File.Exists(workerDll))
        {
            throw new FileNotFoundException($"Build the demo in Release first: {workerDll} is missing.", workerDll);
        }

        var folder = Directory.CreateTempSubdirectory("ccs-once-bench-").FullName;
        var sandboxOptions = new SandboxOptions { Enabled = true, Contacts = contacts, MaxLogEntries = 0, StartAt = BenchWorker.StartAt };
        var clock = new SandboxClock(BenchWorker.StartAt, TimeProvider.System);
        IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>();
        HubSpotSandbox? hubSpot = null;
        SalesforceSandbox? salesforce = null;
        if (!inProcess)
        {
            (hubSpot, var hubSpotSettings) = HubSpotSandboxConnection.Start("hubspot", sandboxOptions, clock);
            (salesforce, var salesforceSettings) = SalesforceSandboxConnection.Start("salesforce", sandboxOptions, clock);
            settings = hubSpotSettings.Concat(salesforceSettings).ToDictionary();
        }

        using (hubSpot)
        using (salesforce)
        {
            try
            {
                var start = new ProcessStartInfo("/usr/bin/time")
                {
                    WorkingDirectory = repositoryRoot,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                string[] args =
                [
                    "-v", "dotnet", workerDll, "--once",
                    $"--Sandbox:InProcess={inProcess}",
                    $"--Sandbox:Contacts={contacts.ToString(CultureInfo.InvariantCulture)}",
                    "--Sandbox:MaxLogEntries=0",
                    $"--Sandbox:StartAt={BenchWorker.StartAt.ToString("O", CultureInfo.InvariantCulture)}",
                    $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "once.db")}",
                    "--Logging:LogLevel:Default=Warning",
                    .. settings.Select(s => $"--{s.Key}={s.Value}"),
                ];
                foreach (var arg in args)
                {
                    start.ArgumentList.Add(arg);
                }

                using var child = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/time did not start.");
                var output = child.StandardOutput.ReadToEndAsync();
                var errors = child.StandardError.ReadToEndAsync();
                await child.WaitForExitAsync();
                var report = await errors;
                var peakKb = long.Parse(MaxRss().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
                var wall = ParseWall(WallClock().Match(report).Groups[1].Value);
                return new MemoryResult(contacts, inProcess, child.ExitCode, peakKb / 1024.0, wall, (await output).Trim());
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static TimeSpan ParseWall(string text)
    {
        // "h:mm:ss" or "m:ss.ss"
        var parts = text.Split(':');
        var seconds = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        var minutes = parts.Length > 1 ? int.Parse(parts[^2], CultureInfo.InvariantCulture) : 0;
        var hours = parts.Length > 2 ? int.Parse(parts[^3], CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromSeconds((hours * 3600) + (minutes * 60) + seconds);
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();

    [GeneratedRegex(@"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)")]
    private static partial Regex WallClock();
}

internal sealed record MemoryResult(int Contacts, bool InProcess, int ExitCode, double PeakMb, TimeSpan Wall, string Summary);
