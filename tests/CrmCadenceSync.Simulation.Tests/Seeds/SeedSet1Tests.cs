using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests.Seeds;

/// <summary>CI seeds 1 to 5 (the 20 seeds are split over four classes so xunit runs them in parallel).</summary>
public sealed class SeedSet1Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public Task Ninety_days_of_200_contacts_keep_every_promise(ulong seed) => SeedRun.AssertGreenAsync(seed, output);
}
