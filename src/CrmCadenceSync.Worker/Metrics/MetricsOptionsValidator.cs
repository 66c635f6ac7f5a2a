using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Metrics;

[OptionsValidator]
public sealed partial class MetricsOptionsValidator : IValidateOptions<MetricsOptions>;
