using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Email;

[OptionsValidator]
public sealed partial class SmtpOptionsValidator : IValidateOptions<SmtpOptions>;
