using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Identity;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Worker.Resilience;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class ProcessingExtensions
{
    /// <summary>The loop: polling, inbox processing, due steps and the outbox, with the rule set stored and activated at start.</summary>
    public static IHostApplicationBuilder AddCadenceProcessing(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ResilienceOptions>().BindConfiguration(ResilienceOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>();
        builder.Services.AddSingleton<RuleSetProvider>();
        builder.Services.AddHostedService<RuleSetSeeder>();
        builder.Services.AddHostedService<ConnectionSetup>();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<OwnerDirectory>();
        builder.Services.AddSingleton<CycleStats>();
        builder.Services.AddSingleton<CycleRunner>();
        builder.Services.AddScoped<ConnectionHealth>();
        builder.Services.AddScoped<ContactPoller>();
        builder.Services.AddScoped<EnrollmentStarter>();
        builder.Services.AddScoped<ContactChangeApplier>();
        builder.Services.AddOptions<Replies.ReplyHandlingOptions>().BindConfiguration(Replies.ReplyHandlingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Replies.ReplyHandlingOptions>, Replies.ReplyHandlingOptionsValidator>();
        builder.Services.AddOptions<Replies.ConsentOptions>().BindConfiguration(Replies.ConsentOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Replies.ConsentOptions>, Replies.ConsentOptionsValidator>();

        // The consent property or field is read with every contact and asked for by the schema check.
        var consent = builder.Configuration.GetSection(Replies.ConsentOptions.SectionName);
        builder.Services.PostConfigureAll<global::CrmCadenceSync.HubSpot.Options.HubSpotConnectionOptions>(o => o.FieldMapping.Consent ??= NullIfBlank(consent["HubSpotProperty"]));
        builder.Services.PostConfigureAll<global::CrmCadenceSync.Salesforce.Configuration.SalesforceConnectionOptions>(o => o.FieldMapping.ConsentField ??= NullIfBlank(consent["SalesforceField"]));
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        builder.Services.AddScoped<IdentityLinks>();
        builder.Services.AddSingleton<IInterceptor, StatusMirrorInterceptor>();
        builder.Services.AddScoped<OutcomeRecorder>();
        builder.Services.AddOptions<TaskStateOptions>().BindConfiguration(TaskStateOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TaskStateOptions>, TaskStateOptionsValidator>();
        builder.Services.AddScoped<TaskStatePoller>();
        builder.Services.AddScoped<PendingTaskCloser>();
        builder.Services.AddScoped<PilotGate>();
        builder.Services.AddSingleton<PilotBacklog>();
        builder.Services.AddScoped<InboxProcessor>();
        builder.Services.AddScoped<DueStepRunner>();
        builder.Services.AddScoped<HeldEnrollmentSweep>();
        builder.Services.AddScoped<OutboxOutcomes>();
        builder.Services.AddScoped<EmailWrites>();
        builder.Services.AddScoped<WriteTimeChecks>();
        builder.Services.AddScoped<OutboxSender>();
        builder.Services.AddSingleton<OutboxLeaseKeeper>();
        builder.Services.AddScoped<CycleSummary>();
        return builder;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
