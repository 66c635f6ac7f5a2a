using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Retention;

[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
