using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;

namespace CrmCadenceSync.HubSpot.Setup;

/// <summary>The properties our setup step creates: the sync key on activities and the cadence status on contacts.</summary>
public static class HubSpotCustomProperties
{
    /// <summary>Unique per record, so a retried create is refused instead of duplicated and the key can be read back.</summary>
    public const string SyncKey = "ccs_sync_key";
    public const string GroupName = "crmcadencesync";

    public const string Segment = "ccs_segment";
    public const string Cadence = "ccs_cadence";
    public const string CadenceStatus = "ccs_cadence_status";
    public const string NextTouchAt = "ccs_next_touch_at";
    public const string CadenceStep = "ccs_cadence_step";

    public static PropertyGroup Group { get; } = new(GroupName, "CRM Cadence Sync");

    public static IReadOnlyDictionary<string, IReadOnlyList<PropertyDefinition>> ByObjectType { get; } =
        new Dictionary<string, IReadOnlyList<PropertyDefinition>>(StringComparer.Ordinal)
        {
            [HubSpotObjectTypes.Contacts] =
            [
                new(Segment, "Cadence segment", "string", "text", GroupName),
                new(Cadence, "Cadence", "string", "text", GroupName),
                new(CadenceStatus, "Cadence status", "string", "text", GroupName),
                new(NextTouchAt, "Next cadence touch", "datetime", "date", GroupName),
                new(CadenceStep, "Cadence step", "string", "text", GroupName),
            ],
            [HubSpotObjectTypes.Tasks] = [SyncKeyProperty()],
            [HubSpotObjectTypes.Emails] = [SyncKeyProperty()],
            [HubSpotObjectTypes.Notes] = [SyncKeyProperty()],
        };

    private static PropertyDefinition SyncKeyProperty() =>
        new(SyncKey, "Cadence sync key", "string", "text", GroupName, HasUniqueValue: true);
}
