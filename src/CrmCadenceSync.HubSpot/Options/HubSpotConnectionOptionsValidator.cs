using System.Globalization;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.HubSpot.Options;

/// <summary>Start-up checks; each message names the configuration key and the problem.</summary>
public sealed class HubSpotConnectionOptionsValidator : IValidateOptions<HubSpotConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var key = $"{HubSpotConnectionOptions.SectionName}:{name}";
        var errors = new List<string>();
        if (!string.Equals(options.Kind, HubSpotConnectionOptions.KindName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:Kind is '{options.Kind}', expected '{HubSpotConnectionOptions.KindName}'.");
        }

        if (!options.BaseUrl.IsAbsoluteUri)
        {
            errors.Add($"{key}:BaseUrl '{options.BaseUrl}' must be an absolute URL.");
        }

        if (!DateOnly.TryParseExact(options.ApiVersion + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{key}:ApiVersion '{options.ApiVersion}' must be a date-based version such as 2026-03.");
        }

        if (options.UsesOAuth
            && (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret)
                || string.IsNullOrWhiteSpace(options.RefreshToken)))
        {
            errors.Add($"{key}:AccessToken is empty and the OAuth keys {key}:ClientId, {key}:ClientSecret and {key}:RefreshToken are not all set: the connection has no credentials.");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            errors.Add($"{key}:PublicBaseUrl '{options.PublicBaseUrl}' must be an absolute URL.");
        }

        AddIfOutOfRange(errors, $"{key}:RequestsPer10Seconds", options.RequestsPer10Seconds, 1, 1_000);
        AddIfOutOfRange(errors, $"{key}:SearchRequestsPerSecond", options.SearchRequestsPerSecond, 1, 100);
        AddIfOutOfRange(errors, $"{key}:DailyRequestLimit", options.DailyRequestLimit, 0, int.MaxValue);
        AddIfOutOfRange(errors, $"{key}:MaxBatchSize", options.MaxBatchSize, 1, 100);
        AddIfOutOfRange(errors, $"{key}:MaxRetryAttempts", options.MaxRetryAttempts, 0, 20);
        AddIfNotPositive(errors, $"{key}:PollInterval", options.PollInterval);
        AddIfNotPositive(errors, $"{key}:RequestTimeout", options.RequestTimeout);
        AddIfNotPositive(errors, $"{key}:MaxRetryAfter", options.MaxRetryAfter);
        AddIfNotPositive(errors, $"{key}:SearchIndexLag", options.SearchIndexLag);
        if (options.SyncOverlap < TimeSpan.Zero)
        {
            errors.Add($"{key}:SyncOverlap must not be negative (got {options.SyncOverlap}).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.PortalTimeZone, out _))
        {
            errors.Add($"{key}:PortalTimeZone '{options.PortalTimeZone}' is not a known time zone id.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AddIfOutOfRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} is {value}; it must be between {min} and {max}.");
        }
    }

    private static void AddIfNotPositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive (got {value}).");
        }
    }
}
