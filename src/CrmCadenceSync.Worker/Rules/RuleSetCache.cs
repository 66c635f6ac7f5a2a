using System.Runtime.CompilerServices;
using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>Compiles each bound definition once: start-up validation and the running engine share the result.</summary>
internal sealed class RuleSetCache
{
    private readonly ConditionalWeakTable<RuleSetDefinition, RuleSetCompilation> compiled = [];

    public RuleSetCompilation Compile(RuleSetDefinition definition) =>
        compiled.GetValue(definition, RuleSetCompiler.Compile);
}
