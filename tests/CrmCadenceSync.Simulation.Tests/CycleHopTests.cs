using System.Text.RegularExpressions;

namespace CrmCadenceSync.Simulation.Tests;

/// <summary>The simulation runs the worker's cycle hop by hop; it must run every hop the worker's own cycle runs.</summary>
public sealed partial class CycleHopTests
{
    [Fact]
    public void The_simulated_cycle_runs_every_hop_of_the_workers_cycle()
    {
        var worker = File.ReadAllText(RepositoryFile("src/CrmCadenceSync.Worker/Processing/CycleRunner.cs"));
        var simulated = File.ReadAllText(RepositoryFile("tests/CrmCadenceSync.Simulation.Tests/Engine/World/SimCycle.cs"));

        var hops = Hop().Matches(worker).Select(m => m.Groups[1].Value).Append("pilotBacklog").Distinct().ToList();

        Assert.NotEmpty(hops);
        Assert.All(hops, hop => Assert.True(
            simulated.Contains($"<{hop}>", StringComparison.Ordinal) || (hop == "pilotBacklog" && simulated.Contains("PilotBacklog", StringComparison.Ordinal)),
            $"CycleRunner runs {hop}, SimCycle does not."));
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmCadenceSync.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("CrmCadenceSync.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"InScopeAsync<(\w+)>")]
    private static partial Regex Hop();
}
