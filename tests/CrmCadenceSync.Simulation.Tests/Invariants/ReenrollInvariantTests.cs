using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class ReenrollInvariantTests
{
    [Theory]
    [InlineData("Replied")]
    [InlineData("MeetingBooked")]
    [InlineData("OptedOut")]
    [InlineData("Bounced")]
    [InlineData("CallOutcome")]
    public void Fires_when_a_contact_who_left_for_good_re_enters_the_same_cadence(string reason)
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10), state: "Exited", endedAt: Histories.Monday(11), exitReason: reason);
        var later = Histories.Monday(11).AddDays(91);
        h.Enrolled(later, id: Guid.NewGuid());

        Assert.Single(h.Check(new ReenrollInvariant(), later.AddMinutes(5)));
    }

    [Fact]
    public void Keeps_quiet_for_a_move_between_cadences()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10), state: "Exited", endedAt: Histories.Monday(11), exitReason: "MovedToAnotherCadence");
        h.Enrolled(Histories.Monday(12), id: Guid.NewGuid());

        Assert.Empty(h.Check(new ReenrollInvariant(), Histories.Monday(12, 5)));
    }
}
