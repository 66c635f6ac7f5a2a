using CrmCadenceSync.Worker.Triggers;

namespace CrmCadenceSync.Worker.Extensions;

public static class TriggerExtensions
{
    /// <summary>External triggers: the signed endpoint's enrollment work (its secrets are <c>TriggerSecrets:{name}</c>).</summary>
    public static IHostApplicationBuilder AddTriggers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TriggerRunner>();
        builder.Services.AddSingleton(new CallerClock(TimeProvider.System));
        return builder;
    }
}
