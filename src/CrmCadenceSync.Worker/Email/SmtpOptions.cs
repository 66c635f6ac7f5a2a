using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Worker.Email;

/// <summary>The company's SMTP relay for automated email steps. Without a host, those steps become tasks for the rep.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>At most this many automated emails per rep per rep-local day; the rest wait for the next business day.</summary>
    [Range(1, 10_000, ErrorMessage = "Smtp:DailySendLimitPerRep must be between 1 and 10000.")]
    public int DailySendLimitPerRep { get; set; } = 200;

    /// <summary>
    /// At least this long between two automated emails from one mailbox, so a morning's queue leaves as a trickle, not
    /// a burst; emails held by it wait in the outbox.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Smtp:MinSpacingPerMailbox must be between 00:00:00 and 01:00:00.")]
    public TimeSpan MinSpacingPerMailbox { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many automated emails from one mailbox in any rolling hour; the rest wait in the outbox.</summary>
    [Range(1, 10_000, ErrorMessage = "Smtp:HourlySendLimitPerMailbox must be between 1 and 10000.")]
    public int HourlySendLimitPerMailbox { get; set; } = 60;

    /// <summary>Sender when the owning rep has no email address in the CRM.</summary>
    public string FallbackFromAddress { get; set; } = "";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
