using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Core.Tests.Support;
using CrmCadenceSync.Core.Touches;

namespace CrmCadenceSync.Core.Tests.Scheduling;

/// <summary>"Wait 2 days after an opened email, then call."</summary>
public sealed class WaitForSignalTests
{
    private static readonly DateTimeOffset EmailSentAt = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    private static (RuleSet Rules, Cadence Cadence) CallAfterOpen()
    {
        var definition = TestRules.Definition();
        var call = new StepDefinition
        {
            Id = "call-after-open",
            AfterSignal = new StepWaitDefinition { Signal = EngagementSignal.LastEmailOpened, BusinessDays = 2, WaitUpToBusinessDays = 5 },
            Channel = StepChannel.Call,
            Subject = "Call {{contact.first_name}}: they opened the email",
            Body = "Call.",
        };
        definition.Cadences[0] = TestRules.Cadence("hot", TestRules.EmailStep("email-1", 0), call);
        var rules = TestRules.Compile(definition);
        return (rules, rules.Cadences["hot"]);
    }

    private static TimeZoneInfo Zone(string id) => TimeZones.TryResolve(id, out var zone) ? zone : throw new InvalidOperationException(id);

    [Fact]
    public void The_call_is_due_two_business_days_after_the_open_in_the_contacts_time_zone()
    {
        var (_, cadence) = CallAfterOpen();
        var tokyo = Zone("Asia/Tokyo");
        var newYork = Zone("America/New_York");
        var openedInTokyo = new DateTimeOffset(2026, 11, 24, 14, 10, 0, TimeSpan.FromHours(9));   // Tuesday afternoon
        var openedInNewYork = new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.FromHours(-5)); // Friday afternoon

        var tokyoDue = StepScheduler.DueAfterSignal(cadence.Calendar, cadence.Steps[1], tokyo, openedInTokyo);
        var newYorkDue = StepScheduler.DueAfterSignal(cadence.Calendar, cadence.Steps[1], newYork, openedInNewYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 10, 0, TimeSpan.FromHours(9)), tokyoDue);
        Assert.Equal(tokyoDue.Offset, TimeSpan.FromHours(9));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 30, 0, TimeSpan.FromHours(-5)), newYorkDue);
    }

    [Fact]
    public void Without_an_open_the_step_waits_up_to_its_limit_and_is_then_skipped()
    {
        var (rules, cadence) = CallAfterOpen();
        var newYork = Zone("America/New_York");
        var unopened = TestRules.Contact(82);
        var openedBefore = unopened with { LastEmailOpenedAt = EmailSentAt.AddDays(-3) };

        var deadline = StepScheduler.WaitDeadline(cadence.Calendar, cadence.Steps[1], newYork, EmailSentAt);
        var skipped = TouchPlanner.Prepare(cadence.Steps[1], unopened, null, cadence, rules, EmailSentAt);
        var stale = TouchPlanner.Prepare(cadence.Steps[1], openedBefore, null, cadence, rules, EmailSentAt);
        var ready = TouchPlanner.Prepare(cadence.Steps[1], unopened with { LastEmailOpenedAt = EmailSentAt.AddHours(5) }, null, cadence, rules, EmailSentAt);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(-5)), deadline);
        Assert.Equal(SkipReason.ConditionNotMet, Assert.IsType<SkippedTouch>(skipped).Reason);
        Assert.Equal(SkipReason.ConditionNotMet, Assert.IsType<SkippedTouch>(stale).Reason);
        Assert.Equal("Call Ada: they opened the email", Assert.IsType<ReadyTouch>(ready).Subject);
    }

    [Fact]
    public void A_wait_with_another_timing_or_bad_numbers_is_refused()
    {
        var definition = TestRules.Definition();
        var call = TestRules.CallStep("call", 2);
        call.AfterSignal = new StepWaitDefinition { BusinessDays = -1, WaitUpToBusinessDays = 0 };
        definition.Cadences[0] = TestRules.Cadence("hot", TestRules.EmailStep("email-1", 0), call);

        Assert.Equal(
            [
                "Cadence 'hot' step 'call' sets more than one of DayOffset, DelayAfterPrevious and AfterSignal; use one.",
                "Cadence 'hot' step 'call' AfterSignal needs BusinessDays of 0 or more and WaitUpToBusinessDays of 1 or more (it has -1 and 0).",
            ],
            TestRules.Errors(definition));
    }
}
