namespace CrmCadenceSync.Core.Rules.Definitions;

/// <summary>A persona such as Finance or Legal: matched on the persona property's value, else on the job title.</summary>
public sealed class RoleDefinition
{
    public string Name { get; set; } = "";

    /// <summary>Values of the persona property (<see cref="RolesDefinition.PersonaProperty"/>) that mean this role.</summary>
    public List<string> PersonaValues { get; set; } = [];

    /// <summary>Regular expressions tried, case-insensitively, against the job title.</summary>
    public List<string> TitlePatterns { get; set; } = [];
}
