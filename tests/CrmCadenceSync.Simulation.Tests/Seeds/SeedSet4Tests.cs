using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests.Seeds;

/// <summary>CI seeds 16 to 20 (the 20 seeds are split over four classes so xunit runs them in parallel).</summary>
public sealed class SeedSet4Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public Task Ninety_days_of_200_contacts_keep_every_promise(ulong seed) => SeedRun.AssertGreenAsync(seed, output);
}
