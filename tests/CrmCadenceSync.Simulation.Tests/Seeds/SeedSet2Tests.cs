using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests.Seeds;

/// <summary>CI seeds 6 to 10 (the 20 seeds are split over four classes so xunit runs them in parallel).</summary>
public sealed class SeedSet2Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public Task Ninety_days_of_200_contacts_keep_every_promise(ulong seed) => SeedRun.AssertGreenAsync(seed, output);
}
