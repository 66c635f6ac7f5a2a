using System.Net.Mail;
using CrmCadenceSync.Worker.Email;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>With a relay configured every automated email carries a signed link, so the link's settings must be sound.</summary>
/// <remarks>Reads the relay's host from configuration, not its options, so a bad Smtp value is reported once, by its own validator.</remarks>
public sealed class UnsubscribeOptionsValidator(IConfiguration configuration) : IValidateOptions<UnsubscribeOptions>
{
    public const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, UnsubscribeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Host)}"]))
        {
            return ValidateOptionsResult.Skip;
        }

        const string key = UnsubscribeOptions.SectionName;
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            errors.Add($"{key}:BaseUrl '{options.BaseUrl}' must be this worker's public HTTPS address (plain HTTP only on loopback): every automated email links to it (Smtp:Host is set).");
        }

        if (options.SigningKey.Length < MinKeyLength)
        {
            errors.Add($"{key}:SigningKey must be a secret of at least {MinKeyLength} characters: it signs the unsubscribe links of automated emails (Smtp:Host is set).");
        }

        if (options.LinkLifetime < TimeSpan.FromDays(3) || options.LinkLifetime > TimeSpan.FromDays(400))
        {
            errors.Add($"{key}:LinkLifetime must be between 3.00:00:00 and 400.00:00:00 (got {options.LinkLifetime}).");
        }

        if (options.MailtoAddress.Length > 0 && !MailAddress.TryCreate(options.MailtoAddress, out _))
        {
            errors.Add($"{key}:MailtoAddress '{options.MailtoAddress}' is not an email address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
