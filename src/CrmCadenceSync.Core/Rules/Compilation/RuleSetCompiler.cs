using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>
/// Validates a rule set definition and compiles it (templates included) into a <see cref="RuleSet"/>.
/// All errors are reported at once, so an admin fixes a file in one pass.
/// </summary>
public static class RuleSetCompiler
{
    public static RuleSetCompilation Compile(RuleSetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<RuleSetError>();
        var roles = RoleRules.Compile(definition.Roles, errors);
        var cadences = CadenceRules.Compile(definition.Cadences, new StepRules(new TemplateEngine(), roles.Names), errors);
        var segments = SegmentRules.Compile(definition.Segments, CadenceRules.DeclaredIds(definition.Cadences), errors);
        var policies = PolicyRules.Compile(definition.Policies, errors);
        var triggers = TriggerRules.Compile(definition.Triggers, CadenceRules.DeclaredIds(definition.Cadences), errors);
        var pilot = PilotRules.Compile(definition.Pilot, errors);
        return errors.Count > 0
            ? new RuleSetCompilation(null, errors)
            : new RuleSetCompilation(new RuleSet(segments, cadences, policies, roles, triggers, pilot), []);
    }
}
