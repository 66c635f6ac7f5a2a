using System.Collections.Immutable;

namespace CrmCadenceSync.HubSpot.Schema;

/// <summary>
/// The optional contact properties the schema check found missing: contact reads leave them out. HubSpot ignores
/// unknown properties in a read, but a read that names only what the portal has says what it means.
/// </summary>
internal sealed class HubSpotPropertyAvailability
{
    private ImmutableHashSet<string> absent = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public bool IsAbsent(string property) => absent.Contains(property);

    public void Set(IEnumerable<string> missing) => absent = ImmutableHashSet.CreateRange(StringComparer.Ordinal, missing);
}
