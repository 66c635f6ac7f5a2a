using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class SpacingInvariantTests
{
    [Fact]
    public void Fires_when_a_catch_up_writes_a_step_in_the_same_cycle_as_the_one_before()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        h.Write("email-1", Histories.Monday(10));

        // Three weeks later both remaining steps in one run: the call is fine, the email one day after it is not.
        var call = h.Write("call-2", Histories.At(30, 10));
        var email = h.Write("email-3", Histories.At(30, 10));

        var violations = h.Check(new SpacingInvariant(), Histories.At(30, 10), call, email);

        Assert.Contains(violations, v => v.Contains("step 'email-3'", StringComparison.Ordinal) && v.Contains("delay", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("step 'call-2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Fires_when_a_day_offset_step_comes_sooner_than_its_gap_after_the_previous_touch_actually_written()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));

        // The first touch went out late (Tuesday, after a pause); the day-2 call is due two business days after it.
        h.Write("email-1", Histories.At(24, 10));
        var call = h.Write("call-2", Histories.At(25, 10));

        Assert.Single(h.Check(new SpacingInvariant(), Histories.At(25, 10), call));
    }

    [Fact]
    public void Fires_when_a_step_comes_before_its_plan_from_the_enrollment()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var call = h.Write("call-2", Histories.Monday(11));

        Assert.Contains(h.Check(new SpacingInvariant(), Histories.Monday(11), call), v => v.Contains("planned day", StringComparison.Ordinal));
    }

    [Fact]
    public void Keeps_quiet_when_every_step_keeps_its_gap()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var first = h.Write("email-1", Histories.Monday(10));
        var call = h.Write("call-2", Histories.At(25, 10));
        var email = h.Write("email-3", Histories.At(26, 10));

        Assert.Empty(h.Check(new SpacingInvariant(), Histories.At(26, 10), first, call, email));
    }
}
