using CrmCadenceSync.Simulation.Engine.Scenarios;
using CrmCadenceSync.Simulation.Engine.World;
using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_seed()
    {
        var scenario = ScenarioGen.FromSeed(1, 200, 90);
        var result = await SimRunner.RunAsync(scenario);
        output.WriteLine(result.ToString());
        foreach (var (hop, took) in SimCycle.Timings) { output.WriteLine($"{hop}: {took.TotalSeconds:F1} s"); }
        Assert.True(result.Green, string.Join("\n", result.Violations.Take(20)));
    }
}
