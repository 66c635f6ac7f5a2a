using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests.Seeds;

/// <summary>CI seeds 11 to 15 (the 20 seeds are split over four classes so xunit runs them in parallel).</summary>
public sealed class SeedSet3Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public Task Ninety_days_of_200_contacts_keep_every_promise(ulong seed) => SeedRun.AssertGreenAsync(seed, output);
}
