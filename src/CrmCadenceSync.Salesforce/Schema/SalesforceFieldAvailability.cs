using System.Collections.Immutable;

namespace CrmCadenceSync.Salesforce.Schema;

/// <summary>
/// The optional fields the schema check found missing, per object: the queries leave them out, so no SOQL names a
/// field the org does not have. Empty until a check has run.
/// </summary>
internal sealed class SalesforceFieldAvailability
{
    private ImmutableHashSet<string> absent = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    public bool IsAbsent(string sObject, string field) => absent.Contains(Key(sObject, field));

    public void Set(IEnumerable<(string Object, string Field)> missing) =>
        absent = ImmutableHashSet.CreateRange(StringComparer.OrdinalIgnoreCase, missing.Select(m => Key(m.Object, m.Field)));

    private static string Key(string sObject, string field) => $"{sObject}.{field}";
}
