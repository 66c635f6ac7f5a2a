using CrmCadenceSync.Salesforce.Configuration;

namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>
/// Recognises an UPDATE event caused only by the worker's own status write (the CCS_* fields and the stamps every save
/// moves): each status the worker writes would otherwise come back as a change to read again.
/// </summary>
public static class OwnWrites
{
    private static readonly string[] Stamps = ["LastModifiedDate", "SystemModstamp", "LastModifiedById"];

    public static bool IsOnlyOwnWrite(ChangeEventHeader header, SalesforceFieldMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(mapping);
        if (header.ChangeType != "UPDATE" || header.ChangedFields.Count == 0)
        {
            return false;
        }

        HashSet<string> ours = new(StringComparer.OrdinalIgnoreCase)
        {
            mapping.SegmentField, mapping.CadenceField, mapping.CadenceStatusField, mapping.NextTouchField, mapping.CadenceStepField,
        };
        ours.UnionWith(Stamps);
        return header.ChangedFields.All(ours.Contains);
    }
}
