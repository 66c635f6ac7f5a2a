using CrmCadenceSync.Storage.Inbox;
using CrmCadenceSync.Worker.Webhooks;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class WebhookExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        builder.Services.AddScoped<InboxWriter>();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookInbox>());
        return builder;
    }
}
