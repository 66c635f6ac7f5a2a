using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Tests.Enrollments;

public sealed class ExitWordingTests
{
    [Theory]
    [InlineData("Replied", "replied")]
    [InlineData("MeetingBooked", "meeting booked")]
    [InlineData("OptedOut", "opted out")]
    [InlineData("CallOutcome:not interested", "call outcome 'not interested'")]
    [InlineData("CallOutcome:wrong number: main line", "call outcome 'wrong number: main line'")]
    [InlineData("SomethingNewer", "SomethingNewer")]
    public void A_stored_exit_reads_as_a_rep_would_say_it(string stored, string label) =>
        Assert.Equal(label, ExitWording.Label(stored));

    [Fact]
    public void Every_exit_reason_has_its_own_words()
    {
        var labels = Enum.GetValues<ExitReason>().Select(r => ExitWording.Label(r, null)).ToList();

        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(labels, label => Assert.DoesNotContain(label, Enum.GetNames<ExitReason>()));
    }
}
