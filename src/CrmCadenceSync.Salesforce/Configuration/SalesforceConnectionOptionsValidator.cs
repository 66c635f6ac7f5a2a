using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Salesforce.Configuration;

/// <summary>Start-up checks for one named connection; every message names the configuration key.</summary>
internal sealed class SalesforceConnectionOptionsValidator(string connection) : IValidateOptions<SalesforceConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesforceConnectionOptions options)
    {
        if (name != connection || !options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var key = $"{SalesforceConnectionOptions.SectionName}:{connection}";
        var failures = new List<string>();
        if (!string.Equals(options.Kind, SalesforceConnectionOptions.KindName, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:Kind must be '{SalesforceConnectionOptions.KindName}' (was '{options.Kind}').");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{key}:ClientId is required (the connected app's consumer key).");
        }

        var usesJwt = !string.IsNullOrWhiteSpace(options.PrivateKeyPem);
        if (usesJwt && string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"{key}:Username is required with PrivateKeyPem (JWT bearer flow).");
        }

        if (!usesJwt && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{key}:ClientSecret is required for the client credentials flow (or set PrivateKeyPem and Username for JWT bearer).");
        }

        if (string.IsNullOrWhiteSpace(options.OrganizationId))
        {
            failures.Add($"{key}:OrganizationId is required; every Outbound Message is checked against it.");
        }

        if (!options.ApiVersion.StartsWith('v'))
        {
            failures.Add($"{key}:ApiVersion must look like 'v62.0' (was '{options.ApiVersion}').");
        }

        if (options.PageSize is < 1 or > 2000)
        {
            failures.Add($"{key}:PageSize must be between 1 and 2000 (was {options.PageSize}).");
        }

        if (options.DailyRequestLimit is < 1)
        {
            failures.Add($"{key}:DailyRequestLimit must be positive when set (was {options.DailyRequestLimit}).");
        }

        if (options.BudgetReservePercent is < 0 or > 90)
        {
            failures.Add($"{key}:BudgetReservePercent must be between 0 and 90 (was {options.BudgetReservePercent}).");
        }

        if (string.IsNullOrWhiteSpace(options.SyncKeyField))
        {
            failures.Add($"{key}:SyncKeyField is required (the External ID field on Activity, default CCS_Sync_Key__c).");
        }

        if (options.MaxRetryAttempts is < 0 or > 20)
        {
            failures.Add($"{key}:MaxRetryAttempts must be between 0 and 20 (was {options.MaxRetryAttempts}).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{key}:RequestTimeout must be positive (was {options.RequestTimeout}).");
        }

        if (options.MaxRetryAfter <= TimeSpan.Zero)
        {
            failures.Add($"{key}:MaxRetryAfter must be positive (was {options.MaxRetryAfter}).");
        }

        if (options.EngagementLookback <= TimeSpan.Zero)
        {
            failures.Add($"{key}:EngagementLookback must be positive (was {options.EngagementLookback}); set EngagementFromActivities to false to stop reading activities.");
        }

        ValidateChangeDataCapture(options.ChangeDataCapture, $"{key}:{ChangeEvents.ChangeDataCaptureOptions.SectionName}", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateChangeDataCapture(ChangeEvents.ChangeDataCaptureOptions cdc, string key, List<string> failures)
    {
        if (!cdc.Enabled)
        {
            return;
        }

        if (cdc.PubSubEndpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key}:PubSubEndpoint must be an absolute http(s) URL such as https://api.pubsub.salesforce.com:7443 (was '{cdc.PubSubEndpoint}').");
        }

        if (cdc.BatchSize is < 1 or > 100)
        {
            failures.Add($"{key}:BatchSize must be between 1 and 100, the most the Pub/Sub API serves per request (was {cdc.BatchSize}).");
        }

        if (cdc.Topics.Count == 0)
        {
            failures.Add($"{key}:Topics must name at least one change event channel, such as /data/LeadChangeEvent.");
        }

        foreach (var topic in cdc.Topics.Where(t => !t.StartsWith("/data/", StringComparison.Ordinal)))
        {
            failures.Add($"{key}:Topics: '{topic}' is not a change event channel (they start with /data/, such as /data/ContactChangeEvent).");
        }

        if (cdc.ReconnectDelay <= TimeSpan.Zero)
        {
            failures.Add($"{key}:ReconnectDelay must be positive (was {cdc.ReconnectDelay}).");
        }

        if (cdc.MaxReconnectDelay < cdc.ReconnectDelay)
        {
            failures.Add($"{key}:MaxReconnectDelay must be at least ReconnectDelay (was {cdc.MaxReconnectDelay}).");
        }
    }
}
