namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record PropertiesResponse(IReadOnlyList<PropertyDefinition> Results);
