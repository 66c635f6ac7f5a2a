namespace CrmCadenceSync.Worker.CrmCard;

/// <summary>One card result: an enrollment of the contact (the newest first), as HubSpot's card format lists items.</summary>
public sealed record CrmCardItem(int ObjectId, string Title, IReadOnlyList<CrmCardProperty> Properties);
