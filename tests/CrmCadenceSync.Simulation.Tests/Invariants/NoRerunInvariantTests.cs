using CrmCadenceSync.Simulation.Engine.History;
using CrmCadenceSync.Simulation.Engine.Invariants;

namespace CrmCadenceSync.Simulation.Tests.Invariants;

public sealed class NoRerunInvariantTests
{
    [Fact]
    public void Fires_when_a_step_reaches_the_crm_twice()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        h.Write("email-1", Histories.Monday(10));
        var again = h.Write("email-1", Histories.At(24, 10));

        Assert.Single(h.Check(new NoRerunInvariant(), Histories.At(24, 10), again));
    }

    [Fact]
    public void Fires_for_a_failed_batch_and_for_a_skip_without_a_reason()
    {
        var h = new Histories();
        h.Enrolled(Histories.Monday(10));
        h.History.CycleFailures.Add((Histories.Monday(10), "UNIQUE constraint failed: Outbox.IdempotencyKey"));
        h.History.Add(new StepRunFact(1, h.EnrollmentId, "email-1", "Skipped", null, null, Histories.Monday(10), Histories.Monday(10)));

        Assert.Equal(2, h.Check(new NoRerunInvariant(), Histories.Monday(10, 30)).Count);
    }
}
