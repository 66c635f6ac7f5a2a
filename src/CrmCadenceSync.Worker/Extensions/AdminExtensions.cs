using CrmCadenceSync.Worker.Admin.Access;
using CrmCadenceSync.Worker.Admin.Connections;
using CrmCadenceSync.Worker.Admin.DeadLetters;
using CrmCadenceSync.Worker.Admin.Enrollments;
using CrmCadenceSync.Worker.Admin.Page;
using CrmCadenceSync.Worker.Admin.Preview;
using CrmCadenceSync.Worker.Admin.Rules;
using CrmCadenceSync.Worker.FlowActions;
using CrmCadenceSync.Worker.ManualEnrollment;
using CrmCadenceSync.Worker.Rules;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class AdminExtensions
{
    /// <summary>
    /// The admin surface's services: API-key options (validated at start: listening beyond loopback needs a key),
    /// problem details, and the rule-set store, preview and enrollment actions.
    /// </summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddProblemDetails();
        builder.Services.PostConfigure<HostFilteringOptions>(options => LoopbackHostsByDefault(options, builder.Configuration));
        builder.Services.AddScoped<RuleSetStore>();
        builder.Services.AddScoped<RuleSetPreviewer>();
        builder.Services.AddScoped<EnrollmentActions>();
        builder.Services.AddScoped<IManualEnrollment, ManualEnrollmentService>();
        return builder;
    }

    /// <summary>
    /// The API-key guard over the page and every <c>/api</c> route except the signed triggers (so routes other parts add
    /// under <c>/api</c> are guarded too), then the page and the admin routes.
    /// </summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.UseMiddleware<SameOriginMiddleware>();
        app.UseWhen(ApiKeyMiddleware.Guards, branch => branch.UseMiddleware<ApiKeyMiddleware>());
        app.MapAdminPage();
        app.MapRuleAdmin();
        app.MapEnrollmentAdmin();
        app.MapManualEnrollment();
        app.MapFlowActions();
        app.MapDeadLetterAdmin();
        app.MapConnectionAdmin();
        return app;
    }

    /// <summary>
    /// A worker listening on loopback only answers loopback host names even when <c>AllowedHosts</c> is not set (an
    /// appsettings.json from before it shipped), so a DNS-rebinding page cannot reach it under a name of its own.
    /// </summary>
    private static void LoopbackHostsByDefault(HostFilteringOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && ListeningAddresses.LoopbackOnly(configuration))
        {
            options.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"];
        }
    }
}
