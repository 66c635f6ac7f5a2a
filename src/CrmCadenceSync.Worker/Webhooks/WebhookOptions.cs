using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Worker.Webhooks;

public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Larger bodies are refused with 413 before they are read. HubSpot sends at most 100 events a request.</summary>
    [Range(1_024, 64 * 1024 * 1024, ErrorMessage = "Webhooks:MaxBodyBytes must be between 1024 and 67108864.")]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
