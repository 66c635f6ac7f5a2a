using CrmCadenceSync.Worker.Email;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class EmailExtensions
{
    /// <summary>The SMTP relay for automated email steps (<c>Smtp</c>); without one, they become tasks, and start-up says so.</summary>
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        builder.Services.AddSingleton<MailRelay>();
        builder.AddUnsubscribe();
        return builder;
    }
}
