namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record PropertyDefinition(
    string Name,
    string Label,
    string Type,
    string FieldType,
    string GroupName,
    bool HasUniqueValue = false);
