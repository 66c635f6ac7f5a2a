namespace CrmCadenceSync.Mocks.HubSpot;

public sealed record HubSpotPropertyRecord(
    string Name, string Label, string Type, string FieldType, string GroupName, bool HasUniqueValue = false, IReadOnlyList<HubSpotPropertyOption>? Options = null);
