using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.HubSpotApp;

internal sealed class HubSpotAppOptionsValidator : IValidateOptions<HubSpotAppOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotAppOptions options)
    {
        List<string> errors = [];
        const string Section = HubSpotAppOptions.SectionName;
        if (options.CompletionInterval <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:CompletionInterval must be positive (it is {options.CompletionInterval}).");
        }

        if (options.MaxCompletionAttempts < 1)
        {
            errors.Add($"{Section}:MaxCompletionAttempts must be at least 1 (it is {options.MaxCompletionAttempts}).");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add($"{Section}:RetryDelay must be positive and at most {Section}:MaxRetryDelay (they are {options.RetryDelay} and {options.MaxRetryDelay}).");
        }

        if (options.BlockFor < TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:BlockFor must be at least one day (it is {options.BlockFor}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
