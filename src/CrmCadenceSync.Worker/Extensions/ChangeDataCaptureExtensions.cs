using CrmCadenceSync.Worker.ChangeFeed;

namespace CrmCadenceSync.Worker.Extensions;

public static class ChangeDataCaptureExtensions
{
    /// <summary>The parts that store change events (every host, so tests and tools can drive them).</summary>
    public static IHostApplicationBuilder AddChangeDataCapture(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChangeFeedStatus>();
        builder.Services.AddSingleton<ChangeFeedRunner>();
        builder.Services.AddScoped<ChangeFeedCommitter>();
        return builder;
    }

    /// <summary>The long-running service subscribes; a <c>--once</c> run reads changes by polling only.</summary>
    public static IHostApplicationBuilder AddChangeDataCaptureStreams(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ChangeFeedService>();
        return builder;
    }
}
