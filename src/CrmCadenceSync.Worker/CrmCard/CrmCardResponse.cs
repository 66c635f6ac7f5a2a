namespace CrmCadenceSync.Worker.CrmCard;

/// <summary>HubSpot's CRM card data-fetch answer: up to five <c>results</c>.</summary>
public sealed record CrmCardResponse(IReadOnlyList<CrmCardItem> Results);
