using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;

namespace CrmCadenceSync.Core.Tests.Identity;

public sealed class MergeDecisionTests
{
    private static readonly Enrollment Open = new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = "1",
        Segment = "Hot",
        CadenceId = "hot",
        EnrolledAt = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero),
        NextStepIndex = 3,
    };

    [Fact]
    public void The_open_enrollment_moves_to_a_survivor_without_one() =>
        Assert.Equal(new TransferDecision("2"), EnrollmentEngine.DecideOnMerge(Merged("2"), Open, survivorRuns: false));

    [Fact]
    public void A_survivor_running_its_own_cadence_keeps_it_and_the_merged_one_exits() =>
        Assert.Equal(new ExitDecision(ExitReason.Merged), EnrollmentEngine.DecideOnMerge(Merged("2"), Open, survivorRuns: true));

    [Fact]
    public void No_open_enrollment_or_no_known_survivor_leaves_it_to_the_usual_rules()
    {
        Assert.Null(EnrollmentEngine.DecideOnMerge(Merged("2"), Open.Exit(ExitReason.Replied, Open.EnrolledAt), survivorRuns: false));
        Assert.Null(EnrollmentEngine.DecideOnMerge(Merged(EnrollmentEngine.UnknownSurvivor), Open, survivorRuns: false));
        Assert.Null(EnrollmentEngine.DecideOnMerge(new Contact { Connection = "hubspot", CrmId = "1" }, Open, survivorRuns: false));
    }

    private static Contact Merged(string into) => new() { Connection = "hubspot", CrmId = "1", MergedIntoCrmId = into };
}
