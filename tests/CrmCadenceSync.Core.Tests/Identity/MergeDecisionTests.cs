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

public sealed class ConversionDecisionTests
{
    private static readonly Enrollment Open = new()
    {
        Id = Guid.NewGuid(),
        Connection = "salesforce",
        ContactCrmId = "00Q1",
        Segment = "Hot",
        CadenceId = "hot",
        EnrolledAt = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero),
        NextStepIndex = 2,
    };

    private static readonly Contact Converted = new()
    {
        Connection = "salesforce",
        CrmId = "00Q1",
        RecordType = ContactRecordType.Lead,
        IsConverted = true,
        ConvertedContactCrmId = "0031",
    };

    [Fact]
    public void The_open_enrollment_continues_on_the_new_contact() =>
        Assert.Equal(new TransferDecision("0031"), EnrollmentEngine.DecideOnConversion(Converted, Open, cadence: null, contactRuns: false));

    [Fact]
    public void It_exits_as_converted_when_the_new_contact_runs_a_cadence_already() =>
        Assert.Equal(new ExitDecision(ExitReason.LeadConverted), EnrollmentEngine.DecideOnConversion(Converted, Open, cadence: null, contactRuns: true));

    [Fact]
    public void An_unnamed_contact_leaves_it_to_the_usual_rules() =>
        Assert.Null(EnrollmentEngine.DecideOnConversion(Converted with { ConvertedContactCrmId = null }, Open, cadence: null, contactRuns: false));
}
