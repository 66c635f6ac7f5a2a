namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record BatchCreateRequest(IReadOnlyList<CreateInput> Inputs);
