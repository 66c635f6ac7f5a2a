using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class SuppressionInvariantTests
{
    [Fact]
    public void Fires_for_a_touch_written_after_its_enrollment_ended()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10), state: "Exited", endedAt: Histories.Monday(11), exitReason: "Replied");
        var touch = h.Write("email-1", Histories.Monday(12));

        Assert.Single(h.Check(new SuppressionInvariant(), Histories.Monday(12), touch));
    }

    [Fact]
    public void Fires_for_an_email_after_an_opt_out_or_bounce_and_a_call_after_do_not_call()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        var truth = h.History.TruthOf("hubspot", "1");
        truth.OptedOutAt = Histories.Monday(9);
        truth.BouncedAt = Histories.Monday(9);
        truth.DoNotCallAt = Histories.Monday(9);
        var email = h.Write("email-1", Histories.Monday(10));
        var call = h.Write("call-2", Histories.At(25, 10));

        var violations = h.Check(new SuppressionInvariant(), Histories.At(25, 10), email, call);

        Assert.Equal(3, violations.Count);
    }

    [Fact]
    public void Fires_for_any_touch_to_a_deleted_contact_and_keeps_quiet_for_a_change_made_after_the_write()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        h.History.TruthOf("hubspot", "1").DeletedAt = Histories.Monday(11);
        var before = h.Write("email-1", Histories.Monday(10));
        var after = h.Write("call-2", Histories.At(25, 10));

        Assert.Single(h.Check(new SuppressionInvariant(), Histories.At(25, 10), before, after));
    }
}
