using System.Text.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>Reads HubSpot error bodies and classifies them as permanent (dead-letter) or transient (retry later).</summary>
internal static class HubSpotErrors
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string Conflict = "CONFLICT";
    public const string ObjectWriteTraceId = "objectWriteTraceId";

    public static HubSpotError? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<HubSpotError>(body, HubSpotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The per-input errors of a batch answer: each detail with the trace ids (or record ids) it names.</summary>
    public static IEnumerable<(string TraceId, HubSpotErrorDetail Detail)> ByInput(IEnumerable<HubSpotErrorDetail>? details, string contextKey) =>
        from detail in details ?? []
        where detail.Context is not null && detail.Context.ContainsKey(contextKey)
        from id in detail.Context![contextKey]
        select (id, detail);

    public static CrmWriteError ToWriteError(HubSpotErrorDetail detail)
    {
        var category = detail.Category ?? "UNKNOWN";
        return new CrmWriteError(IsPermanent(category), category, detail.Message ?? "HubSpot refused the record without a message.");
    }

    public static bool IsPermanent(string? category) =>
        category is ValidationError or "PROPERTY_DOESNT_EXIST" or "INVALID_EMAIL" or "OBJECT_NOT_FOUND";
}
