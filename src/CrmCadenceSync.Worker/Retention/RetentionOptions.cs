using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Worker.Retention;

public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Days a contact's snapshot is kept after its last enrollment ended, and processed inbox events are kept.</summary>
    [Range(1, 36_500, ErrorMessage = "Retention:Days must be between 1 and 36500.")]
    public int Days { get; set; } = 365;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Retention:Interval must be between 1 minute and 7 days.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
