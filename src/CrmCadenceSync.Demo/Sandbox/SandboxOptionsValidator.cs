using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Demo.Sandbox;

[OptionsValidator]
public sealed partial class SandboxOptionsValidator : IValidateOptions<SandboxOptions>;
