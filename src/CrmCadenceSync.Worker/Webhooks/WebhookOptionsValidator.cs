using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Webhooks;

[OptionsValidator]
public sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>;
