using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Sandbox;

[OptionsValidator]
public sealed partial class SandboxOptionsValidator : IValidateOptions<SandboxOptions>;
