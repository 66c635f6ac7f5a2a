namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class RolesDefinition
{
    /// <summary>A CRM property holding a persona (for example HubSpot's hs_persona); checked before the title.</summary>
    public string? PersonaProperty { get; set; }

    /// <summary>In order: the first role that matches a contact is its role.</summary>
    public List<RoleDefinition> Definitions { get; set; } = [];
}
