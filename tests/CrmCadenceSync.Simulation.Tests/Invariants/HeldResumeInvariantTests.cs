using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class HeldResumeInvariantTests
{
    [Fact]
    public void Fires_when_a_held_enrollment_resumes_with_nothing_changed()
    {
        var h = new Histories();
        h.History.Cycles.Add(Histories.Monday(9));
        h.Enrolled(Histories.Monday(9));
        h.History.Cycles.Add(Histories.Monday(10));
        h.Enrolled(Histories.Monday(9), state: "Held");
        h.History.Cycles.Add(Histories.Monday(11));
        h.Enrolled(Histories.Monday(9));

        Assert.Single(h.Check(new HeldResumeInvariant(), Histories.Monday(11)));
    }

    [Fact]
    public void Keeps_quiet_when_the_contact_changed_or_the_admin_resumed()
    {
        var h = new Histories();
        h.History.Cycles.Add(Histories.Monday(9));
        h.Enrolled(Histories.Monday(9));
        h.History.Cycles.Add(Histories.Monday(10));
        h.Enrolled(Histories.Monday(9), state: "Held");
        h.History.LastChange[("hubspot", "1")] = Histories.Monday(10, 30);
        h.History.Cycles.Add(Histories.Monday(11));
        h.Enrolled(Histories.Monday(9));

        Assert.Empty(h.Check(new HeldResumeInvariant(), Histories.Monday(11)));
    }
}
