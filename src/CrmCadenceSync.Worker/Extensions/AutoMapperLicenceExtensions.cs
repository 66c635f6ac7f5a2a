using CrmCadenceSync.Worker.Licensing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmCadenceSync.Worker.Extensions;

public static class AutoMapperLicenceExtensions
{
    /// <summary>
    /// AutoMapper checks its licence in every mapper configuration (one per connection, in every host) and logs the
    /// result each time. Without a key its own message is silenced and the worker says it once per process, with how
    /// to set a key; with a key, AutoMapper's warnings (expired, corrupted) still come through.
    /// </summary>
    public static IHostApplicationBuilder AddAutoMapperLicence(this IHostApplicationBuilder builder)
    {
        var keySet = AutoMapperLicence.IsKeySet(builder.Configuration);
        builder.Logging.AddFilter(AutoMapperLicence.LogCategory, keySet ? LogLevel.Warning : LogLevel.None);
        builder.Services.TryAddSingleton(LicenceNoticeGate.Process);
        builder.Services.AddHostedService<MissingLicenceNotice>();
        return builder;
    }
}
