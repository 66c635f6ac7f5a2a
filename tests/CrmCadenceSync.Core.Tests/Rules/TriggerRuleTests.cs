using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Rules;

public sealed class TriggerRuleTests
{
    private static readonly Dictionary<string, string> Fields = new() { ["offer_name"] = "Growth bundle" };

    private static RuleSetDefinition WithTrigger(Action<TriggerDefinition>? change = null)
    {
        var definition = TestRules.Definition();
        var trigger = new TriggerDefinition { Name = "cpq-new-bundle", Cadence = "warm", MinScore = 20, LifecycleStages = ["customer"], Fields = ["offer_name"] };
        change?.Invoke(trigger);
        definition.Triggers.Add(trigger);
        return definition;
    }

    [Fact]
    public void A_trigger_enrolls_free_matching_contacts_and_keeps_its_fields()
    {
        var rules = TestRules.Compile(WithTrigger());
        var trigger = rules.Triggers["cpq-new-bundle"];
        var customer = TestRules.Contact(30) with { LifecycleStage = "Customer" };
        var now = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

        var decision = EnrollmentEngine.DecideForTrigger(customer, trigger, Fields, null);
        var started = DecisionApplier.Apply(decision, customer, null, now, Guid.NewGuid()).Started!;

        Assert.Equal(("Trigger: cpq-new-bundle", "warm"), (started.Segment, started.CadenceId));
        Assert.Equal("Growth bundle", started.TriggerFields!["offer_name"]);
        Assert.Equal(NoChangeReason.TriggerFilterNotMet, Reason(customer with { LifecycleStage = "lead" }));
        Assert.Equal(NoChangeReason.TriggerFilterNotMet, Reason(customer with { LeadScore = null }));
        Assert.Equal(NoChangeReason.EmailSuppressed, Reason(customer with { EmailOptOut = true }));
        Assert.Equal(NoChangeReason.LeadConverted, Reason(customer with { RecordType = ContactRecordType.Lead, IsConverted = true }));
        Assert.Equal(NoChangeReason.AlreadyInCadence, Assert.IsType<NoChangeDecision>(
            EnrollmentEngine.DecideForTrigger(customer, trigger, Fields, started)).Reason);

        NoChangeReason Reason(Contact contact) =>
            Assert.IsType<NoChangeDecision>(EnrollmentEngine.DecideForTrigger(contact, trigger, Fields, null)).Reason;
    }

    [Fact]
    public void A_triggered_enrollment_is_not_paused_by_lifecycle_or_moved_by_score()
    {
        var definition = WithTrigger();
        definition.Policies.PauseInLifecycleStages = ["customer"];
        var rules = TestRules.Compile(definition);
        var customer = TestRules.Contact(30) with { LifecycleStage = "customer" };
        var now = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
        var started = DecisionApplier.Apply(
            EnrollmentEngine.DecideForTrigger(customer, rules.Triggers["cpq-new-bundle"], Fields, null), customer, null, now, Guid.NewGuid()).Started!;

        var later = EnrollmentEngine.Decide(customer with { LeadScore = 95 }, customer, rules, started, now.AddDays(1));
        var replied = EnrollmentEngine.Decide(customer with { LastRepliedAt = now.AddDays(1) }, customer, rules, started, now.AddDays(1));

        Assert.Equal(NoChangeDecision.For(NoChangeReason.NothingChanged), later);
        Assert.Equal(ExitReason.Replied, Assert.IsType<ExitDecision>(replied).Reason);
    }

    [Fact]
    public void Trigger_mistakes_are_refused_naming_the_trigger()
    {
        var definition = WithTrigger(t =>
        {
            t.Cadence = "bundle";
            t.MaxScore = 10;
            t.Fields.Add("offer.name");
        });
        definition.Triggers.Add(new TriggerDefinition { Name = "new bundle!", Cadence = "warm" });

        Assert.Equal(
            [
                "Trigger 'cpq-new-bundle' names cadence 'bundle', which is not defined.",
                "Trigger 'cpq-new-bundle' has MinScore 20, which is not below its MaxScore 10.",
                "Trigger 'cpq-new-bundle' field 'offer.name' is not a plain name (it becomes {{trigger.<name>}}).",
                "Trigger 'new bundle!' has a name that cannot be part of its URL; use letters, digits, '-' and '_'.",
            ],
            TestRules.Errors(definition));
    }
}
