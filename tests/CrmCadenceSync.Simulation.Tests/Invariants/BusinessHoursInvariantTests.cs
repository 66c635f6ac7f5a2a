using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class BusinessHoursInvariantTests
{
    [Theory]
    [InlineData(28, 10)] // Saturday
    [InlineData(23, 7)] // Monday before opening
    [InlineData(23, 17)] // Monday at closing
    public void Fires_for_a_touch_due_outside_business_days_and_hours(int day, int hour)
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var touch = h.Write("email-1", Histories.Monday(10), dueAt: Histories.At(day, hour));

        Assert.Single(h.Check(new BusinessHoursInvariant(), Histories.Monday(10), touch));
    }

    [Fact]
    public void Keeps_quiet_for_a_touch_due_in_business_hours()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var touch = h.Write("email-1", Histories.Monday(10), dueAt: Histories.At(24, 16, 59));

        Assert.Empty(h.Check(new BusinessHoursInvariant(), Histories.Monday(10), touch));
    }

    [Fact]
    public void Judges_in_the_contacts_zone()
    {
        var h = new Histories();
        h.History.Contacts[("hubspot", "1")] = h.History.Contacts[("hubspot", "1")] with { TimeZone = "america_slash_los_angeles" };
        h.Enrolled(Histories.Monday(10));

        // 10:00 in New York is 07:00 in Los Angeles.
        var touch = h.Write("email-1", Histories.Monday(10));

        Assert.Single(h.Check(new BusinessHoursInvariant(), Histories.Monday(10), touch));
    }
}
