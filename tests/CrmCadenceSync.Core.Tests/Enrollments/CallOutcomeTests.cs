using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Enrollments;

public sealed class CallOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_listed_call_outcome_exits_with_the_outcome_as_detail_and_other_outcomes_change_nothing()
    {
        var definition = TestRules.Definition();
        definition.Policies.ExitOnCallOutcomes = ["Not interested"];
        var rules = TestRules.Compile(definition);
        var enrollment = Enrollment("hot");

        var decision = EnrollmentEngine.DecideOnCallOutcome(enrollment, " not INTERESTED ", rules);

        Assert.Equal(new ExitDecision(ExitReason.CallOutcome, "Not interested"), decision);
        var exited = DecisionApplier.Apply(decision, TestRules.Contact(80), enrollment, Now, Guid.NewGuid()).Updated!;
        Assert.Equal("CallOutcome:Not interested", exited.ExitDescription);
        Assert.IsType<NoChangeDecision>(EnrollmentEngine.DecideOnCallOutcome(enrollment, "Connected", rules));
        Assert.IsType<NoChangeDecision>(EnrollmentEngine.DecideOnCallOutcome(enrollment, null, rules));
    }

    [Fact]
    public void A_cadence_list_replaces_the_policy_list()
    {
        var definition = TestRules.Definition();
        definition.Policies.ExitOnCallOutcomes = ["not interested"];
        definition.Cadences[1].ExitOnCallOutcomes = ["wrong number"];
        var rules = TestRules.Compile(definition);

        Assert.IsType<ExitDecision>(EnrollmentEngine.DecideOnCallOutcome(Enrollment("hot"), "not interested", rules));
        Assert.IsType<NoChangeDecision>(EnrollmentEngine.DecideOnCallOutcome(Enrollment("warm"), "not interested", rules));
        Assert.IsType<ExitDecision>(EnrollmentEngine.DecideOnCallOutcome(Enrollment("warm"), "Wrong number", rules));
    }

    [Fact]
    public void Blank_or_repeated_outcomes_are_refused_naming_where_they_are()
    {
        var definition = TestRules.Definition();
        definition.Policies.ExitOnCallOutcomes = ["not interested", "Not Interested"];
        definition.Cadences[0].ExitOnCallOutcomes = [" "];

        var errors = TestRules.Errors(definition);

        Assert.Contains("Policies: ExitOnCallOutcomes lists \"Not Interested\" twice.", errors);
        Assert.Contains("Cadence 'hot' ExitOnCallOutcomes entry #1 is empty; name a call outcome such as \"not interested\".", errors);
    }

    private static Enrollment Enrollment(string cadence) => new()
    {
        Id = Guid.NewGuid(),
        Connection = "hubspot",
        ContactCrmId = "c1",
        Segment = cadence,
        CadenceId = cadence,
        EnrolledAt = Now.AddDays(-1),
    };
}
