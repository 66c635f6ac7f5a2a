using System.Globalization;
using CrmCadenceSync.Simulation.Engine.Scenarios;
using CrmCadenceSync.Simulation.Engine.World;
using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests.Seeds;

/// <summary>
/// One CI seed: 200 contacts over 90 simulated days, every shipped invariant checked every simulated hour. A failure
/// prints the scenario as a replay and the command that shrinks it.
/// </summary>
internal static class SeedRun
{
    public const int Contacts = 200;
    public const int Days = 90;

    public static async Task AssertGreenAsync(ulong seed, ITestOutputHelper output)
    {
        var scenario = ScenarioGen.FromSeed(seed, Contacts, Days);
        var result = await SimRunner.RunAsync(scenario);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {result}"));
        if (result.Green)
        {
            return;
        }

        output.WriteLine(scenario.ToReplay());
        Assert.Fail(string.Join('\n', [
            .. result.Violations.Take(10),
            string.Create(CultureInfo.InvariantCulture, $"Shrink it to a replay test: dotnet run -c Release --project bench/CrmCadenceSync.Simulation.Bench -- --first-seed {seed} --seeds 1 --contacts {Contacts} --days {Days}"),
        ]));
    }
}
