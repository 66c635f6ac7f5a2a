using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Storage.Options;

[OptionsValidator]
public sealed partial class ClusterOptionsValidator : IValidateOptions<ClusterOptions>;
