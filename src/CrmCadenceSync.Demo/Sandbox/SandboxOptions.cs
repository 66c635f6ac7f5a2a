using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Demo.Sandbox;

public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Start the built-in HubSpot and Salesforce sandboxes and point the connections at them.</summary>
    public bool Enabled { get; set; }

    /// <summary>Records seeded in each sandbox CRM.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Sandbox:Contacts must be between 1 and 1000000.")]
    public int Contacts { get; set; } = 500;

    public int Seed { get; set; } = 42;

    /// <summary>
    /// Start the sandbox CRMs inside the worker (the default). Off, they run in another process (for example
    /// <c>dotnet run --project mocks/CrmCadenceSync.Mocks</c>) and each connection's address and secrets come from
    /// configuration, while the worker still keeps the sandbox clock; so several workers can share one sandbox, and
    /// the worker's own memory and time can be measured apart from its stand-in CRMs.
    /// </summary>
    public bool InProcess { get; set; } = true;

    /// <summary>
    /// Requests each sandbox keeps in its log (the newest); a worker left running, or a cycle over many contacts,
    /// must not keep every request and response body it ever served.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Sandbox:MaxLogEntries must be between 0 and 1000000.")]
    public int MaxLogEntries { get; set; } = 1_000;

    /// <summary>
    /// Where the sandbox world's clock starts (it then runs at real speed); empty uses the machine's clock.
    /// A fixed weekday morning makes every demo show touches due, whatever day it is run.
    /// </summary>
    public DateTimeOffset? StartAt { get; set; }
}
