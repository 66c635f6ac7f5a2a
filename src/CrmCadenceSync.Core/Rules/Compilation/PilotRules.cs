using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Core.Rules.Compilation;

internal static class PilotRules
{
    public static Pilot Compile(PilotDefinition? definition, List<RuleSetError> errors)
    {
        if (definition is null)
        {
            return Pilot.None;
        }

        if (definition.MaxEnrollmentsPerDay is < 1)
        {
            errors.Add(new($"Pilot: MaxEnrollmentsPerDay must be at least 1 (it is {definition.MaxEnrollmentsPerDay}); leave it out for no daily limit."));
        }

        if (definition.Percentage is < 1 or > 100)
        {
            errors.Add(new($"Pilot: Percentage must be between 1 and 100 (it is {definition.Percentage}); leave it out to include every contact."));
        }

        return new Pilot(definition.MaxEnrollmentsPerDay, definition.Percentage);
    }
}
