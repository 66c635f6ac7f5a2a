using CrmCadenceSync.Worker.Retention;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class RetentionExtensions
{
    /// <summary>Deletion of stored personal data past its retention (run by the schedule, see <see cref="RetentionOptions"/>).</summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        builder.Services.AddScoped<RetentionRunner>();
        builder.Services.AddScoped<ContactErasure>();
        return builder;
    }
}
