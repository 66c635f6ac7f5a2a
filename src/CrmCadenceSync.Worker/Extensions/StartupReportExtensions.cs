using CrmCadenceSync.Worker.Connections;

namespace CrmCadenceSync.Worker.Extensions;

public static class StartupReportExtensions
{
    /// <summary>On start, one line per connection: kind, address, sandbox or real, rule-set version.</summary>
    public static IHostApplicationBuilder AddStartupReport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }
}
