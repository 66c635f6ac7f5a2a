using System.Globalization;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Replies;

public sealed class ReplyHandlingOptionsValidator : IValidateOptions<ReplyHandlingOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplyHandlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.OutOfOfficePauseDays is >= 1 and <= ReplyHandlingOptions.MaxOutOfOfficePauseDays
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{ReplyHandlingOptions.SectionName}:{nameof(ReplyHandlingOptions.OutOfOfficePauseDays)} must be between 1 and {ReplyHandlingOptions.MaxOutOfOfficePauseDays} days; it is {options.OutOfOfficePauseDays}."));
    }
}
