using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class TasksClosedOnExitInvariantTests
{
    [Fact]
    public void Fires_when_an_exited_enrollments_task_is_still_open_after_the_next_cycle()
    {
        var h = new Histories();
        var open = new HashSet<string>();
        var invariant = new TasksClosedOnExitInvariant(t => open.Contains(t.CrmId));
        h.Enrolled(Histories.Monday(10));
        var task = h.Write("email-1", Histories.Monday(10));
        open.Add(task.CrmId);

        h.Enrolled(Histories.Monday(10), state: "Exited", endedAt: Histories.Monday(11), exitReason: "Replied");
        h.History.Cycles.Add(Histories.Monday(11));
        Assert.Empty(h.Check(invariant, Histories.Monday(11)));

        h.History.Cycles.Add(Histories.Monday(12));
        Assert.Single(h.Check(invariant, Histories.Monday(12)));
    }

    [Fact]
    public void Keeps_quiet_once_the_task_is_closed()
    {
        var h = new Histories();
        var invariant = new TasksClosedOnExitInvariant(_ => false);
        h.Enrolled(Histories.Monday(10));
        h.Write("email-1", Histories.Monday(10));
        h.Enrolled(Histories.Monday(10), state: "Exited", endedAt: Histories.Monday(11), exitReason: "Replied");
        h.History.Cycles.Add(Histories.Monday(11));
        h.Check(invariant, Histories.Monday(11));
        h.History.Cycles.Add(Histories.Monday(12));

        Assert.Empty(h.Check(invariant, Histories.Monday(12)));
    }
}
