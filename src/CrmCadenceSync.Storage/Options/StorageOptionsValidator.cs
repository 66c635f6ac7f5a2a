using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Storage.Options;

[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
