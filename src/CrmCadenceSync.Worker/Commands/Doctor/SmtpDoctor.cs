using CrmCadenceSync.Worker.Email;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Commands.Doctor;

/// <summary>Connects to the relay as a send would (EHLO, STARTTLS or TLS, login when configured) and says goodbye.</summary>
internal static class SmtpDoctor
{
    public static async Task<DoctorCheck> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        if (!smtp.Configured)
        {
            return DoctorCheck.Pass("relay", "not configured (Smtp:Host): AutoEmail steps become ManualEmail tasks for the rep");
        }

        try
        {
            await using var session = await services.GetRequiredService<MailRelay>().ConnectAsync(cancellationToken);
            var login = string.IsNullOrEmpty(smtp.Username) ? "" : $", signed in as {smtp.Username}";
            return DoctorCheck.Pass("relay", $"{smtp.Host}:{smtp.Port} connected, EHLO answered ({smtp.Security}){login}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DoctorCheck.Fail("relay", $"{smtp.Host}:{smtp.Port}: {e.GetType().Name}: {e.Message}");
        }
    }
}
