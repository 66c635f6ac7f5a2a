namespace CrmCadenceSync.Worker.Licensing;

/// <summary>Says once, at start, that AutoMapper runs without a licence key and how to set one.</summary>
internal sealed partial class MissingLicenceNotice(IConfiguration configuration, LicenceNoticeGate gate, ILogger<MissingLicenceNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!AutoMapperLicence.IsKeySet(configuration) && gate.TryPass())
        {
            LogNoKey(AutoMapperLicence.LicenseKeyKey);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No AutoMapper licence key is set: AutoMapper's licence allows running without one for development and " +
        "testing only. Set {Key} in appsettings.json, or the environment variable AutoMapper__LicenseKey (or AUTOMAPPER_LICENSE_KEY), " +
        "to a key from https://luckypennysoftware.com")]
    private partial void LogNoKey(string key);
}
