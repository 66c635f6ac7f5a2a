using CrmCadenceSync.Worker.HubSpotApp;
using Microsoft.Extensions.Options;
using Quartz;

namespace CrmCadenceSync.Worker.Extensions;

public static class HubSpotAppExtensions
{
    /// <summary>What every host needs: completing workflow callbacks (a <c>--once</c> cycle does it too).</summary>
    public static IHostApplicationBuilder AddHubSpotAppWork(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubSpotAppOptions>().BindConfiguration(HubSpotAppOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HubSpotAppOptions>, HubSpotAppOptionsValidator>();
        builder.Services.AddScoped<CallbackCompletionRunner>();
        return builder;
    }

    /// <summary>The service's app card and workflow action endpoints, and the timer that completes callbacks.</summary>
    public static IHostApplicationBuilder AddHubSpotApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CardStatusReader>();
        builder.Services.AddScoped<CardActions>();
        builder.Services.AddScoped<IWorkflowEnrollment, LocalWorkflowEnrollment>();
        var interval = builder.Configuration.GetSection(HubSpotAppOptions.SectionName).Get<HubSpotAppOptions>()?.CompletionInterval ?? new HubSpotAppOptions().CompletionInterval;
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<CompleteCallbacksJob>(j => j.WithIdentity(CompleteCallbacksJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(CompleteCallbacksJob.Key).WithIdentity($"{CompleteCallbacksJob.Key.Name}.timer").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(30)).RepeatForever()));
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapHubSpotApp(this IEndpointRouteBuilder app)
    {
        app.MapHubSpotAppCard();
        app.MapHubSpotWorkflowActions();
        return app;
    }
}
