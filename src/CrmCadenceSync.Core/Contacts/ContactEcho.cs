namespace CrmCadenceSync.Core.Contacts;

/// <summary>
/// Whether a contact read from the CRM differs from the held snapshot only where the worker's own writes leave a mark:
/// the record's modification stamps and the worker's own <c>ccs_</c> fields (HubSpot <c>ccs_*</c>, Salesforce
/// <c>CCS_*__c</c>). Such a version changes nothing the rules read, so it is not processed again. A change to a property
/// the worker does not read looks the same and is rightly skipped too.
/// </summary>
public static class ContactEcho
{
    private const string OwnFieldPrefix = "ccs_";

    private static readonly HashSet<string> Stamps = new(StringComparer.OrdinalIgnoreCase)
    {
        "lastmodifieddate", "hs_lastmodifieddate", "SystemModstamp", "LastModifiedById",
    };

    /// <summary>
    /// Whether a change to <paramref name="propertyName"/> alone (a HubSpot <c>contact.propertyChange</c> webhook) is one
    /// of those marks, so the contact need not be read again to know nothing the rules read changed.
    /// </summary>
    public static bool IsOwnMark(string? propertyName) =>
        propertyName is not null && (Stamps.Contains(propertyName) || propertyName.StartsWith(OwnFieldPrefix, StringComparison.OrdinalIgnoreCase));

    public static bool IsEcho(Contact read, Contact held) =>
        read with { UpdatedAt = held.UpdatedAt, Properties = WithoutOwnMarks(read.Properties) } == held with { Properties = WithoutOwnMarks(held.Properties) };

    private static Dictionary<string, string?> WithoutOwnMarks(IReadOnlyDictionary<string, string?> properties)
    {
        var kept = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in properties)
        {
            if (!IsOwnMark(name))
            {
                kept[name] = value;
            }
        }

        return kept;
    }
}
