using CrmCadenceSync.Simulation.Engine.Scenarios;
using CrmCadenceSync.Simulation.Engine.World;
using Xunit.Abstractions;

namespace CrmCadenceSync.Simulation.Tests;

/// <summary>
/// Scenarios pasted from failing seeds (the runner prints each one as <c>var scenario = new SimScenario(...)</c>), shrunk
/// to the events that matter, kept as focused tests of the defects they found.
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_contact_moving_west_gets_its_next_touch_inside_its_new_business_hours()
    {
        // seed 1 (shrunk): a hot contact in Chicago moves to Los Angeles the morning its second step is due; that step
        // was planned for 09:00 in Chicago, which is 07:00 in Los Angeles.
        var scenario = new SimScenario(1UL, 2, 3, [
            new(0, SimEventKind.Arrive, 1, 85),
            new(23, SimEventKind.TimeZoneChange, 1, 3),
        ]);

        await AssertGreenAsync(scenario);
    }

    [Fact]
    public async Task An_enrollment_moved_to_a_version_that_moved_its_next_step_later_waits_for_the_new_day()
    {
        // seeds 6 and 7 (shrunk): on Monday 30 November the admin swaps the hot cadence's value email (day 5) and second
        // call (day 6) and moves open enrollments. A contact whose next step is the value email, planned for Tuesday under
        // the old version, must now get it on day 6, Wednesday.
        var scenario = new SimScenario(7UL, 2, 14, [
            new(0, SimEventKind.Arrive, 1, 85),
            new(168, SimEventKind.ActivateRules, 0, 20),
        ]);

        await AssertGreenAsync(scenario);
    }

    private async Task AssertGreenAsync(SimScenario scenario)
    {
        var result = await SimRunner.RunAsync(scenario);
        output.WriteLine(result.ToString());
        Assert.True(result.Green, string.Join('\n', result.Violations));
    }
}
