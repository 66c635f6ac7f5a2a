using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class OneOpenEnrollmentInvariantTests
{
    [Fact]
    public void Fires_for_two_open_enrollments_of_one_contact()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        h.Enrolled(Histories.Monday(11), id: Guid.NewGuid());

        Assert.Single(h.Check(new OneOpenEnrollmentInvariant(), Histories.Monday(11)));
    }

    [Fact]
    public void Keeps_quiet_for_an_ended_one_beside_an_open_one()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10), state: "Exited", endedAt: Histories.Monday(11), exitReason: "MovedToAnotherCadence");
        h.Enrolled(Histories.Monday(11), id: Guid.NewGuid());

        Assert.Empty(h.Check(new OneOpenEnrollmentInvariant(), Histories.Monday(11)));
    }
}
