using System.Text.RegularExpressions;
using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Rules;

/// <summary>Tells a contact's role (persona): by the persona property if set and known, else by job title patterns.</summary>
public sealed class RoleCatalog(string? personaProperty, IReadOnlyList<RoleCatalog.Role> roles)
{
    public static readonly RoleCatalog None = new(null, []);

    public IReadOnlyCollection<string> Names => [.. roles.Select(r => r.Name)];

    public string? RoleOf(Contact contact)
    {
        if (personaProperty is not null && contact.Properties.TryGetValue(personaProperty, out var persona) && !string.IsNullOrWhiteSpace(persona))
        {
            foreach (var role in roles)
            {
                if (role.PersonaValues.Contains(persona.Trim()))
                {
                    return role.Name;
                }
            }
        }

        if (string.IsNullOrWhiteSpace(contact.Title))
        {
            return null;
        }

        foreach (var role in roles)
        {
            if (role.TitlePatterns.Any(pattern => pattern.IsMatch(contact.Title)))
            {
                return role.Name;
            }
        }

        return null;
    }

    public sealed record Role(string Name, IReadOnlySet<string> PersonaValues, IReadOnlyList<Regex> TitlePatterns);
}
