using System.Text.RegularExpressions;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>The README's first command: the demo entry point, on the shipped configuration and its embedded defaults.</summary>
public sealed class DemoProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_demo_runs_once_end_to_end_on_both_sandboxes_with_no_account()
    {
        using var folder = new TempFolder();

        // As from the repository root: the shipped appsettings.json (sandbox off) beside the command, nothing else.
        File.Copy(Path.Combine(RepositoryRoot(), "appsettings.json"), folder.File("appsettings.json"));
        using var demo = WorkerProcess.StartDemo(folder.Path, ["--once"]);
        var exitCode = await demo.WaitForExitAsync(Patience);
        output.WriteLine(demo.Output);

        Assert.Equal(0, exitCode);
        Assert.Matches(SandboxConnection("hubspot", "HubSpot"), demo.Output);
        Assert.Matches(SandboxConnection("salesforce", "Salesforce"), demo.Output);
        Assert.Matches(@"Automated emails go through the SMTP relay 127\.0\.0\.1:\d+", demo.Output);

        // The seeded sandboxes (Sandbox:Contacts, 500 each) read, enrolled, and written back to both CRMs.
        Assert.Matches(@"Ingested\r?\n\s+hubspot\s+500\r?\n\s+salesforce\s+\d+\r?\n", demo.Output);
        Assert.True(Count(demo.Output, "Written") > 0, "Due steps should be written.");
        Assert.True(Count(demo.Output, "hubspot Task") > 0, "HubSpot should receive tasks.");
        Assert.True(Count(demo.Output, "salesforce Task") > 0, "Salesforce should receive tasks.");
        Assert.True(File.Exists(folder.File(Path.Combine("data", "crmcadencesync.db"))), "The shipped SQLite file should be created under data/.");
    }

    private static Regex SandboxConnection(string name, string kind) =>
        new($@"Connection {name}: {kind} at http://(127\.0\.0\.1|localhost):\d+/ \(sandbox\)");

    private static int Count(string summary, string label)
    {
        var match = Regex.Match(summary, $@"\n\s+{Regex.Escape(label)}\s+(\d+)\r?\n");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmCadenceSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmCadenceSync.sln not found above " + AppContext.BaseDirectory);
    }
}
