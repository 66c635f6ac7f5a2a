using CrmCadenceSync.Storage.Hosting;
using CrmCadenceSync.Worker.Api;
using CrmCadenceSync.Worker.CrmCard;
using CrmCadenceSync.Worker.Extensions;
using CrmCadenceSync.Worker.Health;
using CrmCadenceSync.Worker.Retention;
using CrmCadenceSync.Worker.Triggers;
using CrmCadenceSync.Worker.Unsubscribe;
using CrmCadenceSync.Worker.Webhooks;

namespace CrmCadenceSync.Worker;

/// <summary>The table of contents: one call per concern, each in its own extension file.</summary>
internal static class WorkerHost
{
    /// <summary>The long-running worker: HTTP endpoints and the Quartz schedule.</summary>
    /// <param name="args">Command-line configuration overrides.</param>
    /// <param name="replace">Registrations that win over the defaults (end-to-end tests put their clock here); production passes none.</param>
    /// <param name="extend">What another entry point adds before the connections are wired (the demo's sandboxes); production passes none.</param>
    public static WebApplication BuildService(string[] args, Action<IServiceCollection>? replace = null, Action<IHostApplicationBuilder>? extend = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Locate() });
        AddCore(builder, extend);
        builder.AddWebhooks();
        builder.AddTriggers();
        builder.AddCadenceSchedule();
        builder.AddOperatorMetrics();
        builder.AddAdmin();
        builder.AddHubSpotApp();
        builder.AddChangeDataCaptureStreams();
        replace?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapAdmin();
        app.MapWebhooks();
        app.MapTriggers();
        app.MapUnsubscribe();
        app.MapPreview();
        app.MapMetrics();
        app.MapCrmCard();
        app.MapHubSpotApp();
        app.MapHealth();
        app.MapRetention();
        return app;
    }

    /// <summary>One cycle and out (<c>--once</c>): the same parts, without the HTTP port and the timers.</summary>
    /// <param name="args">Command-line configuration overrides.</param>
    /// <param name="replace">Registrations that win over the defaults (tests put their clock here); production passes none.</param>
    /// <param name="extend">What another entry point adds before the connections are wired (the demo's sandboxes); production passes none.</param>
    public static IHost BuildOnce(string[] args, Action<IServiceCollection>? replace = null, Action<IHostApplicationBuilder>? extend = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = ContentRoot.Locate() });
        AddCore(builder, extend);
        replace?.Invoke(builder.Services);
        return builder.Build();
    }

    private static void AddCore(IHostApplicationBuilder builder, Action<IHostApplicationBuilder>? extend)
    {
        builder.AddCadenceRules();
        builder.AddCadenceStorage();
        builder.AddAutoMapperLicence();
        extend?.Invoke(builder);
        builder.RefuseUnhostedSandbox();
        builder.AddCrmConnections();
        builder.AddCrmUserAgent();
        builder.AddSharedRequestPace();
        builder.AddEmail();
        builder.AddCadenceProcessing();
        builder.AddChangeDataCapture();
        builder.AddSchemaCheck();
        builder.AddRetention();
        builder.AddCadenceMetrics();
        builder.AddStartupReport();
        builder.AddHubSpotAppWork();
    }
}
