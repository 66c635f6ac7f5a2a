using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Touches;

public sealed class TouchPlannerTests
{
    private static readonly DateTimeOffset EmailSentAt = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private readonly RuleSet rules = TestRules.Compile();

    private Cadence Hot => rules.Cadences["hot"];

    private Step Email => Hot.Steps[0];

    private Step Call => Hot.Steps[1];

    [Fact]
    public void A_due_email_step_renders_subject_and_body()
    {
        var outcome = TouchPlanner.Prepare(Email, TestRules.Contact(82), null, Hot, rules, null);

        var ready = Assert.IsType<ReadyTouch>(outcome);
        Assert.Equal("Hello Ada", ready.Subject);
        Assert.Equal("Hi Ada, about your team.", ready.Body);
    }

    [Fact]
    public void An_email_step_is_skipped_for_a_contact_who_opted_out_after_it_was_scheduled()
    {
        var optedOut = TestRules.Contact(82) with { EmailOptOut = true };

        var outcome = TouchPlanner.Prepare(Email, optedOut, null, Hot, rules, null);

        var skipped = Assert.IsType<SkippedTouch>(outcome);
        Assert.Equal(SkipReason.EmailOptOut, skipped.Reason);
        Assert.False(skipped.EndsEnrollment);
    }

    [Fact]
    public void An_email_step_is_skipped_for_a_bounced_contact_and_a_call_step_for_do_not_call()
    {
        var bounced = TestRules.Contact(82) with { EmailBounced = true };
        var doNotCall = TestRules.Contact(82) with { DoNotCall = true };

        Assert.Equal(SkipReason.EmailBounced, Assert.IsType<SkippedTouch>(TouchPlanner.Prepare(Email, bounced, null, Hot, rules, null)).Reason);
        Assert.Equal(SkipReason.DoNotCall, Assert.IsType<SkippedTouch>(TouchPlanner.Prepare(Call, doNotCall, null, Hot, rules, null)).Reason);
        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(Email, doNotCall, null, Hot, rules, null));
        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(Call, bounced, null, Hot, rules, null));
    }

    [Fact]
    public void The_exit_policy_ends_the_enrollment_on_a_suppressed_step()
    {
        var definition = TestRules.Definition();
        definition.Policies.OnSuppressedStep = SuppressedStepPolicy.Exit;
        var strict = TestRules.Compile(definition);
        var cadence = strict.Cadences["hot"];

        var outcome = TouchPlanner.Prepare(cadence.Steps[1], TestRules.Contact(82) with { DoNotCall = true }, null, cadence, strict, null);

        Assert.True(Assert.IsType<SkippedTouch>(outcome).EndsEnrollment);
    }

    [Fact]
    public void A_step_needing_a_field_the_contact_lacks_is_held_with_the_field_names()
    {
        var definition = TestRules.Definition();
        var quizEmail = TestRules.EmailStep("quiz-email", 0);
        quizEmail.Subject = "Your quiz: {{contact.quiz_primary_challenge}}";
        quizEmail.Body = "{{contact.first_name}}, you said {{contact.quiz_primary_challenge}} within {{contact.quiz_timeline}}.";
        definition.Cadences[0] = TestRules.Cadence("hot", quizEmail);
        var held = TestRules.Compile(definition);
        var cadence = held.Cadences["hot"];

        var outcome = TouchPlanner.Prepare(cadence.Steps[0], TestRules.Contact(82), null, cadence, held, null);

        var hold = Assert.IsType<HeldTouch>(outcome);
        Assert.Equal(["contact.quiz_primary_challenge", "contact.quiz_timeline"], hold.MissingFields);
        Assert.Equal("Missing merge fields: contact.quiz_primary_challenge, contact.quiz_timeline", hold.Reason);
    }

    [Fact]
    public void A_condition_on_engagement_since_the_last_email_decides_whether_the_step_runs()
    {
        var definition = TestRules.Definition();
        var call = TestRules.CallStep("call-if-opened", 2);
        call.Conditions =
        [
            new StepConditionDefinition { Signal = EngagementSignal.LastEmailOpened, Expected = true },
            new StepConditionDefinition { Signal = EngagementSignal.LastEmailReplied, Expected = false },
        ];
        definition.Cadences[0] = TestRules.Cadence("hot", TestRules.EmailStep("email-1", 0), call);
        var conditional = TestRules.Compile(definition);
        var cadence = conditional.Cadences["hot"];
        var step = cadence.Steps[1];
        var opened = TestRules.Contact(82) with { LastEmailOpenedAt = EmailSentAt.AddHours(2) };

        Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(step, opened, null, cadence, conditional, EmailSentAt));
        Assert.Equal(SkipReason.ConditionNotMet, Assert.IsType<SkippedTouch>(
            TouchPlanner.Prepare(step, opened with { LastEmailOpenedAt = EmailSentAt.AddDays(-1) }, null, cadence, conditional, EmailSentAt)).Reason);
        Assert.Equal(SkipReason.ConditionNotMet, Assert.IsType<SkippedTouch>(
            TouchPlanner.Prepare(step, opened with { LastRepliedAt = EmailSentAt.AddHours(3) }, null, cadence, conditional, EmailSentAt)).Reason);
    }
}
