using CrmCadenceSync.Worker.Unsubscribe;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class UnsubscribeExtensions
{
    /// <summary>One-click unsubscribe (<c>Unsubscribe</c>): signed links in every automated email and the opt-out they lead to.</summary>
    public static IHostApplicationBuilder AddUnsubscribe(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UnsubscribeOptions>().BindConfiguration(UnsubscribeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<UnsubscribeOptions>, UnsubscribeOptionsValidator>();
        builder.Services.AddSingleton<UnsubscribeTokens>();
        builder.Services.AddScoped<UnsubscribeRecorder>();
        return builder;
    }
}
