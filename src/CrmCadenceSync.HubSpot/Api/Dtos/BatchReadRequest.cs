namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <param name="IdProperty">A unique-value property to address records by (our sync key); null means hs_object_id.</param>
public sealed record BatchReadRequest(IReadOnlyList<ObjectIdInput> Inputs, IReadOnlyList<string> Properties, string? IdProperty = null);
