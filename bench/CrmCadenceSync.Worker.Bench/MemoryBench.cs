using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Worker.Sandbox;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// Peak memory of a <c>--once</c> cycle: the worker's own binary as a child process under <c>/usr/bin/time -v</c>, its
/// sandboxes in-process, so the peak (the kernel's max RSS) covers worker and sandboxes together. The sandboxes'
/// share is then measured here by seeding the same two sandboxes in this process.
/// </summary>
internal static partial class MemoryBench
{
    public static async Task<MemoryResult> RunAsync(string repositoryRoot, int contacts)
    {
        var workerDll = Path.Combine(repositoryRoot, "src", "CrmCadenceSync.Worker", "bin", "Release", "net10.0", "CrmCadenceSync.Worker.dll");
        if (!File.Exists(workerDll))
        {
            throw new FileNotFoundException($"Build the worker in Release first: {workerDll} is missing.", workerDll);
        }

        var folder = Directory.CreateTempSubdirectory("ccs-once-bench-").FullName;
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time")
            {
                WorkingDirectory = repositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in (string[])[
                "-v", "dotnet", workerDll, "--once",
                $"--Sandbox:Contacts={contacts.ToString(CultureInfo.InvariantCulture)}",
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "once.db")}",
                "--Logging:LogLevel:Default=Warning"])
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
            return new MemoryResult(contacts, child.ExitCode, peakKb / 1024.0, wall, (await output).Trim(), SandboxFootprintMb(contacts));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>How much this process grows when it seeds the two sandboxes the worker starts (before any writes).</summary>
    private static double SandboxFootprintMb(int contacts)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        var before = self.WorkingSet64;
        var clock = new SandboxClock(BenchWorker.StartAt, TimeProvider.System);
        var leads = (int)Math.Round(contacts * 0.6);
        using var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = contacts, Time = clock });
        using var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = leads, Contacts = contacts - leads }, clock);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        self.Refresh();
        return (self.WorkingSet64 - before) / 1024.0 / 1024.0;
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

internal sealed record MemoryResult(int Contacts, int ExitCode, double PeakMb, TimeSpan Wall, string Summary, double SandboxesMb);
