using System.Globalization;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Processing;

public sealed class TaskStateOptionsValidator : IValidateOptions<TaskStateOptions>
{
    public ValidateOptionsResult Validate(string? name, TaskStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PerPoll is >= 1 and <= TaskStateOptions.MaxPerPoll
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{TaskStateOptions.SectionName}:{nameof(TaskStateOptions.PerPoll)} must be between 1 and {TaskStateOptions.MaxPerPoll}; it is {options.PerPoll}."));
    }
}
