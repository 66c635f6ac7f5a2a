using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Rules;

public sealed class RuleSetCompilerTests
{
    [Fact]
    public void A_valid_definition_compiles_with_segments_in_order_and_templates_ready()
    {
        var rules = TestRules.Compile();

        Assert.Equal(["Hot", "Warm", "Nurture"], rules.Segments.Select(s => s.Name));
        Assert.Equal(["email-1", "call-1"], rules.Cadences["hot"].Steps.Select(s => s.Id));
        Assert.Equal([1, 2], rules.Cadences["hot"].Steps.Select(s => s.Number));
        Assert.Equal(TimeSpan.FromDays(90), rules.Policies.ReenrollAfter);
    }

    [Fact]
    public void Overlapping_bands_under_the_same_filters_are_refused_naming_both_segments()
    {
        var definition = TestRules.Definition();
        definition.Segments[1].MaxScore = 75;

        Assert.Equal(
            ["Segments 'Hot' and 'Warm' overlap on scores [70, 75) under the same filters; a contact there would only ever reach 'Hot'."],
            TestRules.Errors(definition));
    }

    [Fact]
    public void Overlapping_bands_under_different_filters_are_allowed_because_the_first_match_wins()
    {
        var definition = TestRules.Definition();
        definition.Segments.Insert(0, new SegmentDefinition { Name = "Hot DE", MinScore = 60, Countries = ["DE"], Cadence = "hot" });

        Assert.Empty(TestRules.Errors(definition));
    }

    [Fact]
    public void A_score_range_no_segment_reaches_is_refused()
    {
        var definition = TestRules.Definition();
        definition.Segments[1].MinScore = 55;
        definition.Segments[0].MinScore = 80;
        definition.Segments[1].MaxScore = 75;

        Assert.Equal(
            [
                "No segment reaches scores [50, 55): add a segment for them, or a catch-all segment (no score band, no filters).",
                "No segment reaches scores [75, 80): add a segment for them, or a catch-all segment (no score band, no filters).",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void Scores_left_at_either_end_are_refused_but_a_catch_all_covers_every_gap()
    {
        var definition = TestRules.Definition();
        definition.Segments.RemoveAt(2);
        definition.Segments[0].MaxScore = 100;

        Assert.Equal(
            [
                "No segment reaches scores below 50: add a segment for them, or a catch-all segment (no score band, no filters).",
                "No segment reaches scores 100 and above: add a segment for them, or a catch-all segment (no score band, no filters).",
            ],
            TestRules.Errors(definition));

        definition.Segments.Add(new SegmentDefinition { Name = "Everyone else", Cadence = "nurture" });
        Assert.Empty(TestRules.Errors(definition));
    }

    [Fact]
    public void A_catch_all_before_other_segments_is_refused_because_it_would_shadow_them()
    {
        var definition = TestRules.Definition();
        definition.Segments.Insert(0, new SegmentDefinition { Name = "Everyone", Cadence = "nurture" });

        Assert.Equal(
            [
                "Segments 'Everyone' and 'Hot' overlap on scores 70 and above under the same filters; a contact there would only ever reach 'Everyone'.",
                "Segments 'Everyone' and 'Warm' overlap on scores [50, 70) under the same filters; a contact there would only ever reach 'Everyone'.",
                "Segments 'Everyone' and 'Nurture' overlap on scores below 50 under the same filters; a contact there would only ever reach 'Everyone'.",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void An_unknown_cadence_id_is_refused_naming_the_segment_and_the_id()
    {
        var definition = TestRules.Definition();
        definition.Segments[0].Cadence = "hot-10-touch";

        Assert.Equal(["Segment 'Hot' names cadence 'hot-10-touch', which is not defined."], TestRules.Errors(definition));
    }

    [Fact]
    public void A_step_without_a_template_is_refused_naming_cadence_step_and_part()
    {
        var definition = TestRules.Definition();
        definition.Cadences[0].Steps[0].Body = " ";
        definition.Cadences[1].Steps[1].Subject = null;

        Assert.Equal(
            [
                "Cadence 'hot' step 'email-1' has no body template.",
                "Cadence 'warm' step 'call-1' has no subject template.",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void A_template_that_does_not_compile_is_refused_naming_the_step()
    {
        var definition = TestRules.Definition();
        definition.Cadences[0].Steps[0].Subject = "Hi {{#if contact.first_name}}";

        var error = Assert.Single(TestRules.Errors(definition));
        Assert.StartsWith("Cadence 'hot' step 'email-1' subject template is not valid: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var definition = TestRules.Definition();
        definition.Cadences[2].TimeZone = "Mars/Olympus_Mons";

        Assert.Equal(
            ["Cadence 'nurture' time zone 'Mars/Olympus_Mons' is not a known IANA time zone (for example America/New_York)."],
            TestRules.Errors(definition));
    }

    [Fact]
    public void A_holiday_that_is_not_a_date_is_refused()
    {
        var definition = TestRules.Definition();
        definition.Cadences[0].Holidays = ["2026-12-25", "2026-13-01", "Christmas"];

        Assert.Equal(
            [
                "Cadence 'hot' holiday '2026-13-01' is not a date (expected yyyy-MM-dd).",
                "Cadence 'hot' holiday 'Christmas' is not a date (expected yyyy-MM-dd).",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void A_negative_offset_or_delay_is_refused()
    {
        var definition = TestRules.Definition();
        definition.Cadences[0].Steps[0].DayOffset = -1;
        definition.Cadences[1].Steps[1] = new StepDefinition { Id = "later", DelayAfterPrevious = TimeSpan.FromDays(-2), Subject = "s", Body = "b" };

        Assert.Equal(
            [
                "Cadence 'hot' step 'email-1' has a negative DayOffset (-1).",
                "Cadence 'warm' step 'later' has a negative DelayAfterPrevious (-2.00:00:00).",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void Step_timing_must_be_exactly_one_of_offset_and_delay_in_running_order_inside_business_hours()
    {
        var definition = TestRules.Definition();
        var steps = definition.Cadences[0].Steps;
        steps[0].DayOffset = 5;
        steps[1].DelayAfterPrevious = TimeSpan.FromDays(1);
        steps.Add(new StepDefinition { Id = "untimed", Subject = "s", Body = "b" });
        steps.Add(new StepDefinition { Id = "evening", DayOffset = 6, TimeOfDay = new TimeOnly(18, 0), Subject = "s", Body = "b" });
        steps.Add(new StepDefinition { Id = "early", DayOffset = 1, Subject = "s", Body = "b" });

        Assert.Equal(
            [
                "Cadence 'hot' step 'call-1' sets more than one of DayOffset, DelayAfterPrevious and AfterSignal; use one.",
                "Cadence 'hot' step 'call-1' is due on day offset 2, before the previous step 'email-1' (day offset 5); list steps in the order they run.",
                "Cadence 'hot' step 'untimed' needs one of DayOffset, DelayAfterPrevious or AfterSignal.",
                "Cadence 'hot' step 'evening' TimeOfDay 18:00 is outside business hours (09:00 to 17:00).",
                "Cadence 'hot' step 'early' is due on day offset 1, before the previous step 'evening' (day offset 6); list steps in the order they run.",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void Names_ids_hours_kinds_and_policies_are_checked_too()
    {
        var definition = TestRules.Definition();
        definition.Segments.Add(new SegmentDefinition { Name = "Hot", MinScore = 90, MaxScore = 80, Cadence = "" });
        definition.Cadences.Add(TestRules.Cadence("hot"));
        definition.Cadences[1].BusinessHours = new BusinessHoursDefinition { Days = [], Start = new TimeOnly(17, 0), End = new TimeOnly(9, 0) };
        definition.Cadences[2].Steps[1].Kind = StepKind.ManualEmail;
        definition.Cadences[2].Steps.Add(TestRules.EmailStep("email-1", 4));
        definition.Policies.RepDailyTaskCap = 0;
        definition.Policies.ReenrollAfterDays = -1;

        Assert.Equal(
            [
                "Cadence 'warm' business hours start at 17:00, which is not before their end at 09:00.",
                "Cadence 'warm' has no business days.",
                "Cadence 'nurture' step 'call-1' is of kind ManualEmail but uses channel Call; email kinds use the Email channel.",
                "Cadence 'nurture' step 'email-1' is defined twice.",
                "Cadence 'hot' is defined twice.",
                "Segment 'Hot' is defined twice.",
                "Segment 'Hot' has MinScore 90, which is not below its MaxScore 80.",
                "Segment 'Hot' names no cadence.",
                "Policies: ReenrollAfterDays must not be negative (it is -1).",
                "Policies: RepDailyTaskCap must be at least 1 (it is 0).",
            ],
            TestRules.Errors(definition));
    }

    [Fact]
    public void Two_segments_for_unscored_contacts_under_the_same_filters_are_refused()
    {
        var definition = TestRules.Definition();
        definition.Segments.Add(new SegmentDefinition { Name = "No score", Unscored = true, Cadence = "nurture" });
        definition.Segments.Add(new SegmentDefinition { Name = "No score either", Unscored = true, Cadence = "warm" });

        Assert.Equal(
            ["Segments 'No score' and 'No score either' both take unscored contacts under the same filters; only 'No score' would ever get them."],
            TestRules.Errors(definition));
    }

    [Fact]
    public void A_rule_set_for_unscored_contacts_only_is_refused_in_plain_words()
    {
        var definition = TestRules.Definition();
        definition.Segments = [new SegmentDefinition { Name = "No score", Unscored = true, Cadence = "nurture" }];

        Assert.Equal(
            ["No segment takes scored contacts: add segments with score bands, or a catch-all segment (no score band, no filters)."],
            TestRules.Errors(definition));
    }

    [Fact]
    public void An_empty_rule_set_is_refused()
    {
        Assert.Equal(
            ["The rule set has no segments: add at least one, for example a catch-all with no score band."],
            TestRules.Errors(new RuleSetDefinition()));
    }
}
