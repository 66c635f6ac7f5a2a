using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Worker.Resilience;

/// <summary>How failed writes and unreachable connections are handled.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>A row whose send fails this many times for a reason other than connection trouble is dead-lettered.</summary>
    [Range(1, 1000, ErrorMessage = "Resilience:MaxWriteAttempts must be between 1 and 1000.")]
    public int MaxWriteAttempts { get; set; } = 8;

    /// <summary>/health answers 503 once a connection has been unavailable for longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Resilience:UnavailableAfter must be between 1 second and 1 day.")]
    public TimeSpan UnavailableAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long work waits after connection trouble before it is tried again. Kept short: while the circuit is open a
    /// try costs no CRM call, and queued work must resume soon after the CRM answers again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Resilience:ConnectionRetryPause must be between 1 second and 10 minutes.")]
    public TimeSpan ConnectionRetryPause { get; set; } = TimeSpan.FromSeconds(30);
}
