using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Worker.Scheduling;

public sealed class ScheduleOptions
{
    public const string SectionName = "Schedule";

    /// <summary>How often the inbox is checked besides the immediate run after each webhook.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Schedule:InboxInterval must be between 1 second and 1 hour.")]
    public TimeSpan InboxInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Schedule:DueStepInterval must be between 1 second and 1 hour.")]
    public TimeSpan DueStepInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Schedule:OutboxInterval must be between 1 second and 1 hour.")]
    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How soon a rule set activated through another instance (sharing the store) is used here too.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Schedule:RuleSetCheckInterval must be between 1 second and 1 hour.")]
    public TimeSpan RuleSetCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
