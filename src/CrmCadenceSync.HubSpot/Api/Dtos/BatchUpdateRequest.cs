namespace CrmCadenceSync.HubSpot.Api.Dtos;

public sealed record BatchUpdateRequest(IReadOnlyList<UpdateInput> Inputs);
