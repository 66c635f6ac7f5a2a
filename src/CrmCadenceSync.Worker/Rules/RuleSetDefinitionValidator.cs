using CrmCadenceSync.Core.Rules.Definitions;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>Refuses to start on a rule set the compiler rejects, listing every problem.</summary>
internal sealed class RuleSetDefinitionValidator(RuleSetCache cache) : IValidateOptions<RuleSetDefinition>
{
    /// <summary>Says where the rule set lives in configuration, so the start-up error names the keys.</summary>
    public const string Prefix = "Rule set (Segments, Cadences, Policies): ";

    public ValidateOptionsResult Validate(string? name, RuleSetDefinition options)
    {
        var compilation = cache.Compile(options);
        return compilation.Succeeded
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(compilation.Errors.Select(e => RuleSetDefinitionValidator.Prefix + e.Message));
    }
}
