using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class DeadLeadsInvariantTests
{
    [Fact]
    public void Fires_for_an_enrollment_held_longer_than_max_held_days()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10), state: "Held");
        foreach (var day in Enumerable.Range(1, 9))
        {
            h.History.Cycles.Add(Histories.Monday(10).AddDays(day));
        }

        Assert.Single(h.Check(new DeadLeadsInvariant(maxHeldDays: 7), Histories.Monday(10).AddDays(9)));
        Assert.Empty(h.Check(new DeadLeadsInvariant(maxHeldDays: 7), Histories.Monday(10).AddDays(6)));
    }

    [Fact]
    public void Fires_for_an_enrollment_that_ran_out_of_steps_without_engagement_and_did_not_end_as_no_response()
    {
        var h = new Histories();
        var ended = Histories.At(30, 10);
        h.Enrolled(Histories.Monday(10), state: "Completed", endedAt: ended);

        Assert.Single(h.Check(new DeadLeadsInvariant(), ended.AddMinutes(5)));

        h.History.TruthOf("hubspot", "1").RepliedAt = Histories.At(25, 10);
        Assert.Empty(h.Check(new DeadLeadsInvariant(), ended.AddMinutes(5)));
    }
}
