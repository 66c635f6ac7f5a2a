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

    [Fact]
    public async Task A_contact_timed_in_its_owners_zone_keeps_it_when_a_rule_edit_moves_its_enrollment()
    {
        // seed 2 (shrunk): a warm Salesforce lead without a zone of its own, owned by the Tokyo rep; the admin renames the
        // warm cadence and moves open enrollments. Re-timed without the owner, its next step was planned in New York's
        // hours and written at 23:05 in Tokyo, a day early.
        var scenario = new SimScenario(3UL, 8, 7, [
            new(0, SimEventKind.Arrive, 7, 60),
            new(24, SimEventKind.ActivateRules, 0, 7),
        ]);

        await AssertGreenAsync(scenario);
    }

    [Fact]
    public async Task A_step_after_an_already_written_one_keeps_its_own_day()
    {
        // seed 12, shrunk by the bench from 780 events to these two: a hot Salesforce lead (Tokyo owner) has had its
        // day-9 case-study email when the admin swaps it with the day-11 call and moves open enrollments. The call goes
        // out next; the case study, now after it, was already written and is passed over; the break-up email after it
        // (day 13, Wednesday 7 April) went out with the case study's timing instead, on Tuesday.
        var scenario = new SimScenario(12UL, 200, 44, [
            new(587, SimEventKind.Arrive, 35, 77),
            new(912, SimEventKind.ActivateRules, 0, 820612),
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
