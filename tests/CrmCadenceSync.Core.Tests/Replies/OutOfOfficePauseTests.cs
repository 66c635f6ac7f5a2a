using CrmCadenceSync.Core.Replies;

namespace CrmCadenceSync.Core.Tests.Replies;

public sealed class OutOfOfficePauseTests
{
    [Fact]
    public void The_return_day_starts_at_midnight_in_the_contacts_zone()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var received = new DateTimeOffset(2026, 12, 22, 15, 42, 10, TimeSpan.Zero);

        var resume = OutOfOfficePause.ResumeAt(new DateOnly(2027, 1, 14), received, newYork, fallbackDays: 7);

        Assert.Equal(new DateTimeOffset(2027, 1, 14, 5, 0, 0, TimeSpan.Zero), resume.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(-5), resume.Offset);
    }

    [Fact]
    public void Without_a_return_day_the_fallback_counts_days_from_the_day_it_came_in_the_contacts_zone()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        // 20:00 UTC on 22 December is already 23 December in Tokyo.
        var resume = OutOfOfficePause.ResumeAt(null, new DateTimeOffset(2026, 12, 22, 20, 0, 0, TimeSpan.Zero), tokyo, fallbackDays: 7);

        Assert.Equal(new DateTimeOffset(2026, 12, 30, 0, 0, 0, TimeSpan.FromHours(9)), resume);
    }
}
