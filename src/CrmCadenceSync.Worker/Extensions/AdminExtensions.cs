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
        app.UseWhen(context => ApiKeyMiddleware.Guards(context.Request.Path), branch => branch.UseMiddleware<ApiKeyMiddleware>());
        app.MapAdminPage();
        app.MapRuleAdmin();
        app.MapEnrollmentAdmin();
        app.MapManualEnrollment();
        app.MapFlowActions();
        app.MapDeadLetterAdmin();
        app.MapConnectionAdmin();
        return app;
    }
}
