using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Worker.Rules;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class CadenceRulesExtensions
{
    /// <summary>
    /// Binds the rule set (the root keys <c>Segments</c>, <c>Cadences</c>, <c>Policies</c>) and validates it at
    /// start-up: an invalid rule set stops the process with every error named.
    /// </summary>
    public static IHostApplicationBuilder AddCadenceRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RuleSetCache>();
        builder.Services.AddScoped<OpenEnrollmentMover>();
        builder.Services.AddScoped<ActiveRuleSetFollower>();
        builder.Services.AddSingleton<IValidateOptions<RuleSetDefinition>, RuleSetDefinitionValidator>();
        builder.Services.AddOptions<RuleSetDefinition>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<RuleSet>(sp =>
            sp.GetRequiredService<RuleSetCache>().Compile(sp.GetRequiredService<IOptions<RuleSetDefinition>>().Value).RuleSet
            ?? throw new InvalidOperationException("The rule set did not compile; start-up validation should have stopped the host."));
        return builder;
    }
}
