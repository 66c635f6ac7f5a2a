using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Replies;

public sealed class ConsentOptionsValidator : IValidateOptions<ConsentOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var key = ConsentOptions.SectionName;
        var asksForConsent = options.RequiredByDefault || options.Countries.Values.Any(v => v) || options.Segments.Values.Any(v => v);
        if (asksForConsent && !options.Configured)
        {
            failures.Add($"{key} requires consent (RequiredByDefault, Countries or Segments) but names no field: set {key}:HubSpotProperty and/or {key}:SalesforceField.");
        }

        foreach (var (setting, value) in new[] { ("HubSpotProperty", options.HubSpotProperty), ("SalesforceField", options.SalesforceField) })
        {
            if (value is { Length: > 0 } && (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace)))
            {
                failures.Add($"{key}:{setting} must be a property or field API name without spaces; it is '{value}'.");
            }
        }

        failures.AddRange(options.Countries.Keys.Where(string.IsNullOrWhiteSpace).Select(_ => $"{key}:Countries has an empty country name."));
        failures.AddRange(options.Segments.Keys.Where(string.IsNullOrWhiteSpace).Select(_ => $"{key}:Segments has an empty segment name."));
        failures.AddRange(options.GrantingValues.Where(string.IsNullOrWhiteSpace).Select(_ => $"{key}:GrantingValues has an empty value."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
