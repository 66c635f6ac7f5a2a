using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Worker.Connections;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Identity;

/// <summary>
/// <c>Identity:MatchBy</c> must be a known way to match, and with linking on over two or more enabled connections,
/// <c>Identity:Primary</c> must name one of them (with a single connection there is nobody to link).
/// </summary>
public sealed class IdentityOptionsValidator(IConfiguration configuration) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.MatchBy))
        {
            return ValidateOptionsResult.Fail(
                $"{IdentityOptions.SectionName}:{nameof(IdentityOptions.MatchBy)} must be one of {string.Join(", ", Enum.GetNames<IdentityMatch>())}; it is '{options.MatchBy}'.");
        }

        var enabled = ConfiguredConnection.Enabled(configuration).Select(c => c.Name).ToList();
        if (!options.Links(enabled.Count) || enabled.Contains(options.Primary, StringComparer.Ordinal))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{IdentityOptions.SectionName}:{nameof(IdentityOptions.Primary)} must name an enabled connection ({string.Join(", ", enabled)}); it is '{options.Primary}'. " +
            $"Set it to the connection that runs linked people's cadences, or set {IdentityOptions.SectionName}:{nameof(IdentityOptions.MatchBy)}=None to turn linking off.");
    }
}
