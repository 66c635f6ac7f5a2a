using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Resilience;

[OptionsValidator]
public sealed partial class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>;
