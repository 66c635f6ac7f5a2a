using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class RepCapInvariantTests
{
    [Fact]
    public void Fires_when_a_rep_gets_more_tasks_on_one_local_day_than_the_cap()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var tasks = Enumerable.Range(0, 3).Select(i => h.Write("email-1", Histories.Monday(10 + i), enrollment: Guid.NewGuid())).ToArray();

        Assert.Single(h.Check(new RepCapInvariant(), Histories.Monday(13), tasks));
    }

    [Fact]
    public void Counts_tasks_only_not_notes()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var touches = new[]
        {
            h.Write("email-1", Histories.Monday(10), enrollment: Guid.NewGuid()),
            h.Write("email-1", Histories.Monday(11), enrollment: Guid.NewGuid()),
            h.Write("email-1", Histories.Monday(12), isTask: false, enrollment: Guid.NewGuid()),
        };

        Assert.Empty(h.Check(new RepCapInvariant(), Histories.Monday(13), touches));
    }
}
