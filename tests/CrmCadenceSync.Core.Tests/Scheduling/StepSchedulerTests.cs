using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Scheduling;

public sealed class StepSchedulerTests
{
    private static readonly TimeZoneInfo NewYork = Zone("America/New_York");
    private static readonly TimeZoneInfo Berlin = Zone("Europe/Berlin");

    private static TimeZoneInfo Zone(string id) =>
        TimeZones.TryResolve(id, out var zone) ? zone : throw new InvalidOperationException(id);

    private static Step DayStep(int day, TimeOnly? at = null) => Compile(new StepDefinition
    {
        Id = "s",
        DayOffset = day,
        TimeOfDay = at,
        Subject = "s",
        Body = "b",
    });

    private static Step Compile(StepDefinition step)
    {
        var definition = TestRules.Definition();
        definition.Cadences[0] = TestRules.Cadence("hot", step);
        definition.Cadences[0].BusinessHours = new BusinessHoursDefinition { Start = new TimeOnly(0, 0), End = new TimeOnly(23, 59) };
        return TestRules.Compile(definition).Cadences["hot"].Steps[0];
    }

    private static DateTimeOffset Local(int y, int mo, int d, int h, int mi, TimeZoneInfo zone) =>
        ZonedTime.ToInstant(new DateTime(y, mo, d, h, mi, 0), zone);

    [Fact]
    public void A_step_due_on_a_weekend_moves_to_Monday()
    {
        // Friday 2026-11-20 10:00 New York; day offset 1 skips Saturday and Sunday.
        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(1), NewYork, Local(2026, 11, 20, 10, 0, NewYork), null);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void A_holiday_is_skipped_like_a_weekend()
    {
        var calendar = new BusinessCalendar(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            new TimeOnly(9, 0), new TimeOnly(17, 0), [new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27)]);

        // Wednesday before Thanksgiving, +1 business day: Thursday and Friday are holidays, then the weekend.
        var due = StepScheduler.DueAt(calendar, DayStep(1), NewYork, Local(2026, 11, 25, 11, 30, NewYork), null);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 30, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void An_enrollment_after_hours_starts_at_the_next_opening()
    {
        var tuesdayEvening = Local(2026, 11, 24, 18, 45, NewYork);

        var first = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(0), NewYork, tuesdayEvening, null);
        var second = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(1), NewYork, tuesdayEvening, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(-5)), first);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(-5)), second);
    }

    [Fact]
    public void A_step_before_opening_waits_for_it_and_a_step_at_closing_moves_to_the_next_day()
    {
        var early = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(0), NewYork, Local(2026, 11, 24, 7, 10, NewYork), null);
        var closing = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(0), NewYork, Local(2026, 11, 24, 17, 0, NewYork), null);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(-5)), early);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(-5)), closing);
    }

    [Fact]
    public void A_delay_step_counts_from_the_previous_step_and_lands_in_business_hours()
    {
        var step = Compile(new StepDefinition { Id = "later", DelayAfterPrevious = TimeSpan.FromHours(20), Subject = "s", Body = "b" });
        var previous = Local(2026, 11, 20, 15, 0, NewYork); // Friday 15:00 + 20 h = Saturday 11:00

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, step, NewYork, previous.AddDays(-3), previous);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Theory]
    [InlineData("America/New_York", 2026, 3, 8, "2026-03-08T03:30:00-04:00")]
    [InlineData("Europe/Berlin", 2026, 3, 29, "2026-03-29T03:30:00+02:00")]
    public void A_step_in_the_spring_forward_gap_moves_forward_by_the_gap(string zoneId, int y, int m, int d, string expected)
    {
        var zone = Zone(zoneId);
        var calendar = AllWeek();
        var enrolled = ZonedTime.ToInstant(new DateTime(y, m, d, 0, 30, 0), zone);

        var due = StepScheduler.DueAt(calendar, DayStep(0, new TimeOnly(2, 30)), zone, enrolled, null);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, due.Offset);
    }

    [Theory]
    [InlineData("America/New_York", 2026, 11, 1, "2026-11-01T01:30:00-04:00")]
    [InlineData("Europe/Berlin", 2026, 10, 25, "2026-10-25T02:30:00+02:00")]
    public void A_step_in_the_autumn_repeat_hour_takes_the_first_occurrence(string zoneId, int y, int m, int d, string expected)
    {
        var zone = Zone(zoneId);
        var enrolled = ZonedTime.ToInstant(new DateTime(y, m, d, 0, 15, 0), zone);
        var at = TimeOnly.FromDateTime(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).DateTime);

        var due = StepScheduler.DueAt(AllWeek(), DayStep(0, at), zone, enrolled, null);

        var first = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(first.UtcDateTime, due.UtcDateTime);
        Assert.Equal(first.Offset, due.Offset);
    }

    [Fact]
    public void A_day_offset_across_the_spring_change_keeps_the_local_time_of_day()
    {
        // Friday before the US change at 10:00 EST; +1 business day is Monday 10:00 EDT, 71 hours later, not 72.
        var enrolled = Local(2026, 3, 6, 10, 0, NewYork);

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(1), NewYork, enrolled, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(-4)), due);
        Assert.Equal(TimeSpan.FromHours(71), due - enrolled);
    }

    [Fact]
    public void A_Tokyo_contact_of_a_Los_Angeles_rep_is_timed_in_Tokyo_and_lands_on_the_reps_previous_day()
    {
        var tokyo = StepScheduler.ZoneFor("Asia/Tokyo", "America/Los_Angeles", NewYork);
        var losAngeles = Zone("America/Los_Angeles");
        // Monday 2026-11-23 16:00 in Los Angeles is Tuesday 09:00 in Tokyo.
        var enrolled = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(0), tokyo, enrolled, null);

        Assert.Equal("Asia/Tokyo", tokyo.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(9)), due);
        Assert.Equal(new DateOnly(2026, 11, 23), DateOnly.FromDateTime(ZonedTime.ToLocal(due, losAngeles)));
    }

    [Theory]
    [InlineData("america_slash_new_york", null, "America/New_York")]
    [InlineData("asia_slash_tokyo", "America/Los_Angeles", "Asia/Tokyo")]
    [InlineData(null, "europe_slash_berlin", "Europe/Berlin")]
    [InlineData("not a zone", "America/Los_Angeles", "America/Los_Angeles")]
    [InlineData("", null, "America/New_York")]
    public void The_zone_comes_from_the_contact_else_the_owner_else_the_cadence(string? contact, string? owner, string expected)
    {
        Assert.Equal(expected, StepScheduler.ZoneFor(contact, owner, NewYork).Id);
    }

    [Fact]
    public void A_day_offset_step_after_a_late_touch_keeps_its_gap_from_the_touch_actually_written()
    {
        // Planned: day 1 Tuesday, day 3 Thursday. Step 2 went out a week late, on Wednesday the 2nd at 11:00.
        var enrolled = Local(2026, 11, 23, 10, 0, NewYork);
        var writtenLate = Local(2026, 12, 2, 11, 0, NewYork);

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(3), NewYork, enrolled, writtenLate, DayStep(1));

        // Two business days after the late touch, at the cadence's usual time of day: Friday the 4th, 10:00.
        Assert.Equal(Local(2026, 12, 4, 10, 0, NewYork), due);
    }

    [Fact]
    public void A_day_offset_step_on_time_is_due_as_planned_from_the_enrollment()
    {
        var enrolled = Local(2026, 11, 23, 10, 0, NewYork);
        var writtenOnTime = Local(2026, 11, 24, 10, 0, NewYork);

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, DayStep(3), NewYork, enrolled, writtenOnTime, DayStep(1));

        Assert.Equal(Local(2026, 11, 26, 10, 0, NewYork), due);
    }

    [Fact]
    public void A_delay_with_a_time_of_day_lands_on_the_day_the_delay_ends_at_that_time()
    {
        var step = Compile(new StepDefinition { Id = "guide", DelayAfterPrevious = TimeSpan.FromDays(1), TimeOfDay = new TimeOnly(10, 0), Subject = "s", Body = "b" });
        var previous = Local(2026, 11, 23, 15, 30, NewYork);

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, step, NewYork, previous, previous);

        Assert.Equal(Local(2026, 11, 24, 10, 0, NewYork), due);
    }

    [Fact]
    public void A_monthly_delay_across_the_daylight_saving_change_stays_on_its_local_hour()
    {
        // 30 days after 2026-10-15 10:00 EDT is 2026-11-14 (a Saturday): the next business day, Monday the 16th, 10:00 EST.
        var step = Compile(new StepDefinition { Id = "monthly", DelayAfterPrevious = TimeSpan.FromDays(30), TimeOfDay = new TimeOnly(10, 0), Subject = "s", Body = "b" });
        var previous = Local(2026, 10, 15, 10, 0, NewYork);

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, step, NewYork, previous, previous);

        Assert.Equal(new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void A_delay_of_whole_days_without_a_time_of_day_keeps_the_local_hour_across_the_change()
    {
        var step = Compile(new StepDefinition { Id = "later", DelayAfterPrevious = TimeSpan.FromDays(7), Subject = "s", Body = "b" });
        var previous = Local(2026, 10, 29, 11, 0, NewYork); // Thursday, EDT; a week later is EST

        var due = StepScheduler.DueAt(BusinessCalendar.Weekdays, step, NewYork, previous, previous);

        Assert.Equal(new DateTimeOffset(2026, 11, 5, 11, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void A_step_found_long_overdue_goes_out_at_the_next_opening_and_a_little_late_one_as_planned()
    {
        var planned = Local(2026, 11, 2, 10, 0, NewYork);
        var sundayNight = Local(2026, 11, 22, 21, 0, NewYork);
        var mondayNoon = Local(2026, 11, 23, 12, 0, NewYork);

        Assert.Equal(Local(2026, 11, 23, 9, 0, NewYork), StepScheduler.WhenDue(BusinessCalendar.Weekdays, NewYork, planned, sundayNight, TimeSpan.FromDays(2)));
        Assert.Equal(mondayNoon, StepScheduler.WhenDue(BusinessCalendar.Weekdays, NewYork, planned, mondayNoon, TimeSpan.FromDays(2)));
        Assert.Equal(planned, StepScheduler.WhenDue(BusinessCalendar.Weekdays, NewYork, planned, planned.AddHours(20), TimeSpan.FromDays(2)));
    }

    [Fact]
    public void A_step_planned_in_the_old_zone_of_a_contact_who_moved_goes_out_at_the_opening_of_the_new_one()
    {
        // Planned for 10:00 in New York; the contact has since moved to Los Angeles, where that is 07:00.
        var losAngeles = Zone("America/Los_Angeles");
        var planned = Local(2026, 11, 24, 10, 0, NewYork);

        var due = StepScheduler.WhenDue(BusinessCalendar.Weekdays, losAngeles, planned, planned.AddMinutes(5), TimeSpan.FromDays(1));

        Assert.Equal(Local(2026, 11, 24, 9, 0, losAngeles), due);
    }

    [Fact]
    public void A_step_planned_for_right_now_outside_the_contacts_hours_waits_for_their_opening()
    {
        // Planned (in New York's hours) for 09:05 in New York, found due at that minute; the contact's zone is Tokyo's,
        // where it is 23:05.
        var tokyo = Zone("Asia/Tokyo");
        var planned = Local(2027, 1, 7, 9, 5, NewYork);

        var due = StepScheduler.WhenDue(BusinessCalendar.Weekdays, tokyo, planned, planned, TimeSpan.FromDays(2));

        Assert.Equal(Local(2027, 1, 8, 9, 0, tokyo), due);
    }

    private static BusinessCalendar AllWeek() => new(Enum.GetValues<DayOfWeek>(), new TimeOnly(0, 0), new TimeOnly(23, 59), []);
}
